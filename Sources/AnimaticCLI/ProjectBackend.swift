import Animatic
import Foundation
import Generation

extension ProjectSettings {
    /// The backend options the project file gives, with `build`'s flags (where given) over
    /// them.
    func backendOptions(
        kind: BackendKind? = nil, commandTemplate: String? = nil, dashScopeURL: String? = nil,
        comfyUIURLs: [String] = [], comfyUIWorkflow: String? = nil
    ) -> BackendOptions {
        BackendOptions(
            kind: kind ?? backend ?? .cards, commandTemplate: commandTemplate ?? self.commandTemplate?.description,
            dashScopeURL: dashScopeURL.flatMap(URL.init(string:)) ?? self.dashScopeURL,
            comfyUIURLs: comfyUIURLs.isEmpty ? self.comfyUIURLs ?? [] : comfyUIURLs.compactMap(URL.init(string:)),
            comfyUIWorkflow: comfyUIWorkflow.map { URL(fileURLWithPath: $0) } ?? self.comfyUIWorkflow)
    }

    /// The longest clip of the backend the project file names, which `build` sizes its
    /// segments to: `plan` and `export` cut the same segments, so an EDL exported before
    /// the build names the clips the build makes. Nil for the built-in cards. A backend
    /// the file leaves incomplete is a usage error, as it is for `build`.
    func backendLongestClipMilliseconds() -> Int? {
        let options = backendOptions()
        guard options.kind != .cards else { return nil }
        do {
            // Only its capabilities are read: the journal directory is never written.
            return try options.makeGenerator(cacheDirectory: FileManager.default.temporaryDirectory)
                .capabilities.longestClipMilliseconds
        } catch {
            fail(AnimaticError(.usage, error.description))
        }
    }
}

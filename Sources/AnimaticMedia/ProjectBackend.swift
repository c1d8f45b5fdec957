import Animatic
import Foundation
import Generation

extension ProjectSettings {
    /// The backend these settings name (the built-in cards when none).
    package var backendOptions: BackendOptions {
        BackendOptions(
            kind: backend ?? .cards, commandTemplate: commandTemplate?.description, dashScopeURL: dashScopeURL,
            dashScopeModel: dashScopeModel,
            comfyUIURLs: comfyUIURLs ?? [], comfyUIWorkflow: comfyUIWorkflow, workerCommand: workerCommand?.description,
            workers: workers, workerGPUs: workerGPUs, dashScopeRegion: dashScopeRegion, maxDownloadBytes: maxDownload)
    }

    /// The generator `build` runs: the built-in renderer as it is, the others under the
    /// retrying, rate-limited scheduler. A setting the backend needs but lacks, or cannot
    /// read, is a usage error.
    package func makeGenerator(cacheDirectory: URL) throws(AnimaticError) -> any Generator {
        let options = backendOptions
        do {
            let generator = try options.makeGenerator(cacheDirectory: cacheDirectory)
            guard options.kind != .cards else { return generator }
            return ScheduledGenerator(backend: generator, policy: RetryPolicy(patience: .seconds(patience ?? 600)))
        } catch {
            throw AnimaticError(.usage, error.description)
        }
    }

    /// The longest clip of the backend, which `build` sizes its segments to: `check`, `plan`
    /// and `export` cut the same segments, so an EDL exported before the build names the
    /// clips the build makes. Nil for the built-in cards.
    package func backendLongestClipMilliseconds() throws(AnimaticError) -> Int? {
        guard backendOptions.kind != .cards else { return nil }
        // Only its capabilities are read: the journal directory is never written.
        return try makeGenerator(cacheDirectory: FileManager.default.temporaryDirectory).capabilities.longestClipMilliseconds
    }
}

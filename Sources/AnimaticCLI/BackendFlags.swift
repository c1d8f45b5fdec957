import Animatic
import ArgumentParser
import Foundation
import Generation

/// The backend flags, shared by `check`, `plan`, `export` and `build`: the backend sizes the
/// segments, so `animatic plan --backend dashscope` shows the segments `build` would make.
struct BackendFlags: ParsableArguments {
    @Option(help: "The generator: cards (the built-in storyboard, the default), command, dashscope or comfyui (docs/backends.md).")
    var backend: BackendKind?

    @Option(name: .customLong("command-template"),
            help: "For --backend command: the program and its arguments with {prompt}, {seed}, {frames}, {width}, {height}, {output}, ...")
    var commandTemplate: String?

    @Option(name: .customLong("dashscope-url"), help: "For --backend dashscope: the regional base URL.")
    var dashScopeURL: ServerURL?

    @Option(name: .customLong("comfyui-url"), help: "For --backend comfyui: a server URL (repeat for several servers).")
    var comfyUIURLs: [ServerURL] = []

    @Option(name: .customLong("comfyui-workflow"), help: "For --backend comfyui: the API-format workflow JSON.")
    var comfyUIWorkflow: String?

    /// The settings these flags give, nil where a flag is not given. A template that cannot
    /// be read is a usage error.
    func settings() throws(AnimaticError) -> ProjectSettings {
        var settings = ProjectSettings()
        settings.backend = backend
        do {
            settings.commandTemplate = try commandTemplate.map { text throws(BackendError) in try CommandTemplate(parsing: text) }
        } catch {
            throw AnimaticError(.usage, "--command-template: \(error.description)")
        }
        settings.dashScopeURL = dashScopeURL?.url
        settings.comfyUIURLs = comfyUIURLs.isEmpty ? nil : comfyUIURLs.map(\.url)
        settings.comfyUIWorkflow = comfyUIWorkflow.map { URL(fileURLWithPath: $0) }
        return settings
    }
}

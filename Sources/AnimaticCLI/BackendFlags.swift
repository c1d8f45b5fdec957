import Animatic
import ArgumentParser
import Foundation
import Generation

/// The backend flags, shared by `check`, `plan`, `export` and `build`: the backend sizes the
/// segments, so `animatic plan --backend dashscope` shows the segments `build` would make.
struct BackendFlags: ParsableArguments {
    @Option(help: "The generator: cards (the built-in storyboard, the default), command, dashscope, comfyui or worker (docs/backends.md).")
    var backend: BackendKind?

    @Option(help: "draft or final: the backend's settings for that quality from the project file's quality section; final makes only the shots the review file approved or picked, the rest keep their drafts (docs/backends.md).")
    var quality: QualityLevel?

    @Option(name: .customLong("command-template"),
            help: "For --backend command: the program and its arguments with {prompt}, {seed}, {frames}, {width}, {height}, {output}, ...")
    var commandTemplate: String?

    @Option(name: .customLong("dashscope-url"), help: "For --backend dashscope: the regional base URL.")
    var dashScopeURL: ServerURL?

    @Option(name: .customLong("dashscope-region"),
            help: "For --backend dashscope: singapore (the default), virginia or beijing; --dashscope-url wins.")
    var dashScopeRegion: DashScopeRegion?

    @Option(name: .customLong("dashscope-model"),
            help: "For --backend dashscope: wan2.2-t2v-plus (the default), wan2.5-t2v-preview, wan2.6-t2v or wan2.7-t2v.")
    var dashScopeModel: String?

    @Option(name: .customLong("comfyui-url"), help: "For --backend comfyui: a server URL (repeat for several servers).")
    var comfyUIURLs: [ServerURL] = []

    @Option(name: .customLong("comfyui-workflow"), help: "For --backend comfyui: the API-format workflow JSON.")
    var comfyUIWorkflow: String?

    @Option(name: .customLong("worker-command"),
            help: "For --backend worker: the hot worker program and its arguments (docs/worker-protocol.md).")
    var workerCommand: String?

    @Option(help: "For --backend worker: how many workers run at once (default: 1).")
    var workers: Int?

    @Option(name: .customLong("worker-gpus"),
            help: "For --backend worker: GPUs, comma-separated (0,1,2,3): one worker each, seeing only its own (CUDA_VISIBLE_DEVICES).")
    var workerGPUs: String?

    func validate() throws {
        if let workers, !SettingLimits.workers.contains(workers) { throw ValidationError("--workers must be from 1 to 64") }
        if let workerGPUs, Self.gpus(workerGPUs) == nil {
            throw ValidationError("--worker-gpus takes GPU numbers or names separated by commas, such as 0,1,2,3")
        }
        if workers != nil && workerGPUs != nil {
            throw ValidationError("--workers and --worker-gpus cannot be used together: --worker-gpus starts one worker per GPU")
        }
    }

    /// `0,1,2` as its entries; nil when one is empty.
    private static func gpus(_ text: String) -> [String]? {
        let entries = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        return entries.contains(where: \.isEmpty) ? nil : entries
    }

    /// The settings these flags give, nil where a flag is not given. A template that cannot
    /// be read is a usage error.
    func settings() throws(AnimaticError) -> ProjectSettings {
        var settings = ProjectSettings()
        settings.backend = backend
        settings.quality = quality
        do {
            settings.commandTemplate = try commandTemplate.map { text throws(BackendError) in try CommandTemplate(parsing: text) }
        } catch {
            throw AnimaticError(.usage, "--command-template: \(error.description)")
        }
        settings.dashScopeURL = dashScopeURL?.url
        settings.dashScopeModel = dashScopeModel
        settings.dashScopeRegion = dashScopeRegion
        settings.comfyUIURLs = comfyUIURLs.isEmpty ? nil : comfyUIURLs.map(\.url)
        settings.comfyUIWorkflow = comfyUIWorkflow.map { URL(fileURLWithPath: $0) }
        do {
            settings.workerCommand = try workerCommand.map { text throws(BackendError) in try WorkerCommand(parsing: text) }
        } catch {
            throw AnimaticError(.usage, "--worker-command: \(error.failure)")
        }
        settings.workers = workers
        settings.workerGPUs = workerGPUs.flatMap(Self.gpus)
        return settings
    }
}

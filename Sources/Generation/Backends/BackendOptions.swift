import Foundation

/// What the command line says about the backend: `--backend`, `--command-template`,
/// `--dashscope-url`, `--dashscope-model`, `--comfyui-url` (repeatable), `--comfyui-workflow`,
/// `--worker-command`, `--workers`, `--worker-gpus`, and the project file's `backend.max_download`.
public struct BackendOptions: Sendable, Hashable {
    /// The largest download of the remote backends when none is set: 2 GiB.
    public static let defaultMaxDownloadBytes = 2 << 30

    /// `--backend`.
    public var kind: BackendKind
    /// `--command-template`: the program and its arguments with placeholders, split like shell words.
    public var commandTemplate: String?
    /// `--dashscope-url`: the regional endpoint; the international one when nil.
    public var dashScopeURL: URL?
    /// `--dashscope-region`: the region whose endpoint to use when `dashScopeURL` is nil.
    public var dashScopeRegion: DashScopeRegion?
    /// `--dashscope-model`: a model of `DashScopeModel.table`; `wan2.2-t2v-plus` when nil.
    public var dashScopeModel: String?
    /// `--comfyui-url`, once per server.
    public var comfyUIURLs: [URL]
    /// `--comfyui-workflow`: the API-format workflow file.
    public var comfyUIWorkflow: URL?
    /// `--worker-command`: the hot worker program and its arguments, split like shell words.
    public var workerCommand: String?
    /// `--workers`: how many workers run (1 when nil); `workerGPUs` wins when given.
    public var workers: Int?
    /// `--worker-gpus`: one worker per entry, each seeing that GPU.
    public var workerGPUs: [String]?
    /// The largest video the `dashscope` and `comfyui` backends download, in bytes;
    /// `defaultMaxDownloadBytes` when nil.
    public var maxDownloadBytes: Int?

    /// Options as listed.
    public init(
        kind: BackendKind = .cards, commandTemplate: String? = nil, dashScopeURL: URL? = nil,
        dashScopeModel: String? = nil, comfyUIURLs: [URL] = [], comfyUIWorkflow: URL? = nil,
        workerCommand: String? = nil, workers: Int? = nil, workerGPUs: [String]? = nil,
        dashScopeRegion: DashScopeRegion? = nil, maxDownloadBytes: Int? = nil
    ) {
        self.dashScopeRegion = dashScopeRegion
        self.maxDownloadBytes = maxDownloadBytes
        self.kind = kind
        self.commandTemplate = commandTemplate
        self.dashScopeURL = dashScopeURL
        self.dashScopeModel = dashScopeModel
        self.comfyUIURLs = comfyUIURLs
        self.comfyUIWorkflow = comfyUIWorkflow
        self.workerCommand = workerCommand
        self.workers = workers
        self.workerGPUs = workerGPUs
    }

    /// The backend these options name, unscheduled (wrap it in `ScheduledGenerator`), with
    /// DashScope's task journal and the workers' logs (`logs/`) in `cacheDirectory`. Throws a permanent `BackendError` when
    /// a flag the backend needs is missing or unreadable. A command template that runs Wan2.2's
    /// `generate.py` (`--task t2v-A14B` or `--task ti2v-5B`) gets that task's sizes, rate,
    /// 4n+1 frame counts and segment length.
    public func makeGenerator(cacheDirectory: URL) throws(BackendError) -> any Generator {
        switch kind {
        case .cards:
            return StoryboardRenderer()
        case .command:
            guard let commandTemplate else { throw Self.missing("--command-template", key: "backend.command.template", for: kind) }
            let template = try CommandTemplate(parsing: commandTemplate)
            guard let task = Self.wanTask(in: template.arguments) else { return CommandGenerator(template: template) }
            return CommandGenerator(
                template: template,
                profile: OutputProfile(sizes: task.sizes, frameRate: task.frameRate, frameCount: .fourNPlusOne),
                longestClipMilliseconds: task.longestClipMilliseconds)
        case .dashscope:
            var model = DashScopeModel.wan22T2VPlus
            if let dashScopeModel {
                guard let named = DashScopeModel.named(dashScopeModel) else {
                    throw BackendError(
                        backend: kind.rawValue, operation: "configure the backend",
                        failure: .invalidConfiguration(
                            "unknown DashScope model '\(dashScopeModel)'; known models: "
                                + DashScopeModel.table.map(\.name).joined(separator: ", ")),
                        isPermanent: true)
                }
                model = named
            }
            return DashScopeGenerator(
                baseURL: dashScopeURL ?? dashScopeRegion?.baseURL ?? DashScopeGenerator.defaultBaseURL, model: model,
                journalDirectory: cacheDirectory, maxDownloadBytes: maxDownloadBytes ?? Self.defaultMaxDownloadBytes)
        case .comfyui:
            guard !comfyUIURLs.isEmpty else { throw Self.missing("--comfyui-url", key: "backend.comfyui.urls", for: kind) }
            guard let comfyUIWorkflow else { throw Self.missing("--comfyui-workflow", key: "backend.comfyui.workflow", for: kind) }
            let data: Data
            do { data = try Data(contentsOf: comfyUIWorkflow) } catch {
                throw BackendError(
                    backend: kind.rawValue, operation: "read \(comfyUIWorkflow.path)",
                    failure: .invalidConfiguration(error.localizedDescription), isPermanent: true)
            }
            return ComfyUIGenerator(
                servers: comfyUIURLs, workflow: try ComfyUIWorkflow(data: data), workflowFile: comfyUIWorkflow,
                maxDownloadBytes: maxDownloadBytes ?? Self.defaultMaxDownloadBytes)
        case .worker:
            guard let workerCommand else { throw Self.missing("--worker-command", key: "backend.worker.command", for: kind) }
            return WorkerGenerator(
                command: try WorkerCommand(parsing: workerCommand), workers: workers ?? 1, gpus: workerGPUs,
                logDirectory: cacheDirectory.appendingPathComponent("logs", isDirectory: true))
        }
    }

    /// The Wan2.2 task a template runs: the value after `--task`, when it is one.
    private static func wanTask(in arguments: [String]) -> WanTask? {
        guard let flag = arguments.firstIndex(of: "--task"), flag + 1 < arguments.count else { return nil }
        return WanTask(rawValue: arguments[flag + 1])
    }

    /// The error for a setting the backend needs: the flag, or `key` in the project file.
    private static func missing(_ flag: String, key: String, for kind: BackendKind) -> BackendError {
        BackendError(
            backend: kind.rawValue, operation: "configure the backend",
            failure: .invalidConfiguration("the \(kind.rawValue) backend needs \(flag) (or \(key) in the project file)"),
            isPermanent: true)
    }
}

import Foundation
import Planning

/// The `dashscope` backend: hosted Wan on Alibaba Cloud Model Studio, by its asynchronous
/// HTTP protocol (create a task, poll it, download its video at once).
///
/// The API key comes only from `DASHSCOPE_API_KEY` in the environment, is read for each
/// segment, sent only to `baseURL` (never to the download URL), and appears in no setting,
/// journal, file or error. Each task is recorded in `journal` (request digest → task ID)
/// before it is polled: a segment whose request is in the journal polls that task rather
/// than creating another, so a stopped build resumes its paid tasks. The entry goes when
/// the clip is in place, when the task ends FAILED or CANCELED, when the service no longer
/// knows it (UNKNOWN: a new task is created), or when its video is unusable; it stays when
/// the build is cancelled or a poll or download fails for want of an answer.
public struct DashScopeGenerator: Generator {
    /// The environment variable holding the API key.
    public static let apiKeyVariable = "DASHSCOPE_API_KEY"
    /// The international (Singapore) endpoint, `https://dashscope-intl.aliyuncs.com`.
    public static let defaultBaseURL = URL(string: "https://dashscope-intl.aliyuncs.com")!

    /// The regional endpoint: `https://dashscope-intl.aliyuncs.com` (Singapore), `-us`, or
    /// `https://dashscope.aliyuncs.com` (Beijing).
    public var baseURL: URL
    /// The model and how it is sized.
    public var model: DashScopeModel
    /// Whether DashScope may rewrite the prompt (`prompt_extend`).
    public var promptExtend: Bool
    /// The submitted tasks.
    public var journal: TaskJournal
    /// The wait between polls of a running task.
    public var pollInterval: Duration
    /// The most polls of one task in one attempt.
    public var maxPolls: Int
    /// How the waits between polls are made.
    public var sleeper: Sleeper
    /// Tasks at once (the account allows about 2).
    public var maxParallelJobs: Int
    /// The largest video downloaded, in bytes; a larger one fails the attempt.
    public var maxDownloadBytes: Int
    private let client: HTTPClient
    private let environment: @Sendable () -> [String: String]

    /// A backend for `model` at `baseURL`, journalling its tasks in `journalDirectory`
    /// (the cache directory) as `dashscope-tasks.json`. `environment` is read for the key
    /// at each segment.
    public init(
        baseURL: URL, model: DashScopeModel = .wan22T2VPlus, journalDirectory: URL, promptExtend: Bool = true,
        maxParallelJobs: Int = 2, pollInterval: Duration = .seconds(10), maxPolls: Int = 600,
        requestTimeout: TimeInterval = 60, sleeper: Sleeper = .continuous,
        maxDownloadBytes: Int = BackendOptions.defaultMaxDownloadBytes,
        environment: @escaping @Sendable () -> [String: String] = { ProcessInfo.processInfo.environment }
    ) {
        self.baseURL = baseURL
        self.model = model
        self.promptExtend = promptExtend
        self.journal = TaskJournal(directory: journalDirectory, name: "dashscope-tasks.json")
        self.pollInterval = pollInterval
        self.maxPolls = max(1, maxPolls)
        self.sleeper = sleeper
        self.maxParallelJobs = max(1, maxParallelJobs)
        self.maxDownloadBytes = max(1, maxDownloadBytes)
        self.client = HTTPClient(backend: "dashscope", requestTimeout: requestTimeout)
        self.environment = environment
    }

    /// `dashscope`.
    public var name: String { "dashscope" }

    /// The billed length: the duration asked for (whole seconds within the model's range),
    /// priced by model and resolution class (`wan2.2-t2v-plus@1080P`), else by model.
    /// A continuation is its image-to-video model's: priced by that model and billed its length.
    public func charge(for request: GenerationRequest) -> RequestCharge? {
        let size = FrameSize(width: request.format.width, height: request.format.height)
        if let continuation = model.continuation, request.shotStartFrame > 0 {
            let resolution = DashScopeModel.resolution(for: size, among: continuation.resolutions)
            return .hosted(
                priceKeys: ["\(continuation.name)@\(resolution)", continuation.name],
                seconds: Double(continuation.duration(for: request.seconds)))
        }
        let resolution = model.billingClass(for: size)
        return .hosted(
            priceKeys: ["\(model.name)@\(resolution)", model.name], seconds: Double(model.duration(for: request.seconds)))
    }

    /// The model and what else shapes its pixels (never the key or the endpoint).
    public var settings: String { "model=\(model.name) prompt_extend=\(promptExtend) watermark=false" }

    /// The model's sizes (when it has a list), its longest clip, `maxParallelJobs`.
    public var capabilities: GeneratorCapabilities {
        var sizes: [FrameSize]?
        if case let .sizes(list) = model.sizing { sizes = list }
        return GeneratorCapabilities(
            sizes: sizes, longestClipMilliseconds: model.longestSegmentMilliseconds, maxParallelJobs: maxParallelJobs,
            imageToVideo: model.continuation != nil)
    }

    /// The create request's body: what DashScope is paid for.
    /// A continuation's image is its placeholder: the build keys continuations by their
    /// predecessor's clip.
    public func keyMaterial(for request: GenerationRequest) throws -> Data {
        try body(for: request, image: model.continuation != nil && request.shotStartFrame > 0 ? Placeholder.reference.token : nil)
    }

    /// No input files.
    public var inputFiles: [URL] { [] }

    /// The create request's body for `request`: prompt and negative clipped to the model's
    /// limit and 500 characters, seed folded into 0…2147483647, size and duration mapped to
    /// the model. With an `image` (a data URL) and a continuation model, the body asks that
    /// model to start from it (`input.img_url`, the documented first-frame field).
    func body(for request: GenerationRequest, image: String?) throws -> Data {
        let content = request.content
        let seconds = Double(content.frames * content.frameRate.den) / Double(content.frameRate.num)
        let negative = content.negativePrompt.clipped(to: DashScopeBody.negativeLimit)
        var parameters: [String: DashScopeBody.Parameter] = [
            "duration": .number(model.duration(for: seconds)), "prompt_extend": .flag(promptExtend),
            "seed": .number(content.seed & 0x7FFF_FFFF), "watermark": .flag(false),
        ]
        let size = FrameSize(width: request.format.width, height: request.format.height)
        if let image, let continuation = model.continuation {
            parameters["resolution"] = .text(DashScopeModel.resolution(for: size, among: continuation.resolutions))
            parameters["duration"] = .number(continuation.duration(for: seconds))
            if continuation.sound == .switchable { parameters["audio"] = .flag(false) }
            var input = DashScopeBody.Input(
                prompt: content.prompt.clipped(to: continuation.promptLimit), negativePrompt: negative.isEmpty ? nil : negative)
            switch continuation.firstFrame {
            case .imageURL: input.imageURL = image
            case .media: input.media = [DashScopeBody.Media(type: "first_frame", url: image)]
            }
            return try DashScopeBody(model: continuation.name, input: input, parameters: parameters).data
        }
        for (key, value) in model.sizeParameters(for: size) {
            parameters[key] = .text(value)
        }
        // animatic mixes its own sound: ask for none where the model lets us.
        if model.sound == .switchable { parameters["audio"] = .flag(false) }
        return try DashScopeBody(
            model: model.name,
            input: .init(
                prompt: content.prompt.clipped(to: model.promptLimit),
                negativePrompt: negative.isEmpty ? nil : negative),
            parameters: parameters
        ).data
    }

    /// Creates (or resumes) the task for `request`, polls it, downloads its video to
    /// `destination`.
    public func generate(_ request: GenerationRequest, to destination: URL) async throws {
        guard let key = environment()[Self.apiKeyVariable], !key.isEmpty else {
            throw BackendError(
                backend: name, operation: "read the API key", failure: .missingCredential(Self.apiKeyVariable),
                isPermanent: true)
        }
        do {
            try await run(request, to: destination, key: key)
        } catch let error as BackendError {
            throw error.redacting(key)
        }
    }

    /// The journal's key for `request`: the SHA-256 of the endpoint and the create body
    /// (task IDs belong to a region).
    func journalDigest(for request: GenerationRequest) throws -> String {
        journalDigest(of: try body(for: request, image: nil))
    }

    private func journalDigest(of body: Data) -> String {
        SHA256.hex(Array(baseURL.absoluteString.utf8) + [0x0A] + Array(body))
    }

    /// The reference image as a `data:image/png;base64,…` URL, for a continuation model.
    private func imageData(for request: GenerationRequest) throws -> String? {
        guard model.continuation != nil, let reference = request.referenceImage else { return nil }
        do {
            return "data:image/png;base64," + (try Data(contentsOf: reference)).base64EncodedString()
        } catch {
            throw BackendError(
                backend: name, operation: "read the last frame for \(request.segmentID)",
                failure: .badOutput("\(error.localizedDescription)"), isPermanent: false)
        }
    }

    private func run(_ request: GenerationRequest, to destination: URL, key: String) async throws {
        let body = try body(for: request, image: try imageData(for: request))
        let digest = journalDigest(of: body)
        let segment = request.segmentID
        let (taskID, videoURL): (String, URL)
        if let journalled = try await journaled(digest) {
            (taskID, videoURL) = try await video(
                of: journalled, resumed: true, body: body, key: key, segment: segment, digest: digest)
        } else {
            let created = try await create(body, key: key, segment: segment, digest: digest)
            (taskID, videoURL) = try await video(
                of: created, resumed: false, body: body, key: key, segment: segment, digest: digest)
        }
        let operation = "download the video of task \(taskID) for \(segment)"
        do {
            try await StagedClip(for: destination).commit(backend: name, operation: operation) {
                [client, maxDownloadBytes] in
                // No credential: the URL is signed, and it is not DashScope's host.
                try await client.download(videoURL, to: $0, limit: maxDownloadBytes, operation: operation)
            }
        } catch let error as BackendError {
            // A complete file that is not a video will not get better by downloading it again.
            if case .badOutput = error.failure { try await forget(digest) }
            throw error
        }
        try await forget(digest)
    }

    /// Polls `taskID` to its end and returns the task and its video's URL; a journalled
    /// (`resumed`) task the service no longer knows is replaced by a new one, once.
    private func video(
        of taskID: String, resumed: Bool, body: Data, key: String, segment: SegmentID, digest: String
    ) async throws -> (String, URL) {
        let task = try await poll(taskID, key: key, segment: segment)
        let status = task.taskStatus ?? "UNKNOWN"
        if status == "SUCCEEDED", let text = task.videoURL, let url = URL(string: text) {
            return (taskID, url)
        }
        try await forget(digest)
        if status == "UNKNOWN" && resumed {
            let created = try await create(body, key: key, segment: segment, digest: digest)
            return try await video(of: created, resumed: false, body: body, key: key, segment: segment, digest: digest)
        }
        if status == "SUCCEEDED" {
            throw failure(
                "poll task \(taskID) for \(segment)", .protocolViolation("SUCCEEDED without output.video_url"),
                permanent: false)
        }
        let code = task.code ?? ""
        throw failure(
            "task \(taskID) for \(segment)", .taskEnded(status: status, code: code, message: task.message ?? ""),
            permanent: status == "CANCELED" || (status == "FAILED" && !DashScopeTask.isRetryable(code: code)))
    }

    /// The task journalled for `digest`.
    private func journaled(_ digest: String) async throws -> String? {
        do { return try await journal.entry(for: digest)?.taskID } catch { throw journalError(error) }
    }

    private func forget(_ digest: String) async throws {
        do { try await journal.remove(digest) } catch { throw journalError(error) }
    }

    /// Creates a task and journals it before anything else happens to it (even when the
    /// build is being cancelled: the task exists and is paid for).
    private func create(_ body: Data, key: String, segment: SegmentID, digest: String) async throws -> String {
        let operation = "create the task for \(segment)"
        let data = try await client.send(
            "POST", baseURL.appendingPathComponent("api/v1/services/aigc/video-generation/video-synthesis"),
            headers: ["Authorization": "Bearer \(key)", "X-DashScope-Async": "enable"], body: body, operation: operation
        )
        guard let taskID = (try? JSONDecoder().decode(DashScopeTask.self, from: data))?.output.taskID, !taskID.isEmpty
        else {
            throw failure(
                operation, .protocolViolation("no output.task_id in \(HTTPClient.message(in: data))"), permanent: false)
        }
        do {
            try await journal.record(TaskJournal.Entry(taskID: taskID, segmentID: segment), for: digest)
        } catch {
            throw journalError(error)
        }
        return taskID
    }

    /// Polls `taskID` until it leaves PENDING and RUNNING, at most `maxPolls` times.
    private func poll(_ taskID: String, key: String, segment: SegmentID) async throws -> DashScopeTask.Output {
        let operation = "poll task \(taskID) for \(segment)"
        let url = baseURL.appendingPathComponent("api/v1/tasks").appendingPathComponent(taskID)
        for poll in 0..<maxPolls {
            if poll > 0 { try await sleeper.sleep(pollInterval) }
            let data = try await client.send(
                "GET", url, headers: ["Authorization": "Bearer \(key)"], operation: operation)
            guard let task = try? JSONDecoder().decode(DashScopeTask.self, from: data).output, task.taskStatus != nil
            else {
                throw failure(
                    operation, .protocolViolation("no output.task_status in \(HTTPClient.message(in: data))"),
                    permanent: false)
            }
            if !DashScopeTask.unfinished.contains(task.taskStatus ?? "") { return task }
        }
        throw failure(operation, .protocolViolation("still running after \(maxPolls) polls"), permanent: false)
    }

    private func failure(_ operation: String, _ failure: BackendFailure, permanent: Bool) -> BackendError {
        BackendError(backend: name, operation: operation, failure: failure, isPermanent: permanent)
    }

    private func journalError(_ error: any Error) -> BackendError {
        failure("use the task journal \(journal.file.path)", .invalidConfiguration("\(error)"), permanent: true)
    }
}

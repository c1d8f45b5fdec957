import Foundation
import Media

/// The `worker` backend: long-lived worker programs that load their model once and then
/// make one clip per request line, over the JSON-lines protocol of docs/worker-protocol.md.
///
/// `places` workers serve at once, each started on its first request and kept hot; with
/// `gpus`, worker *i* gets `CUDA_VISIBLE_DEVICES=gpus[i]`. Requests go to idle workers. A
/// worker that crashes mid-request is dropped (the next request starts a new one) and the
/// request fails transiently, so the scheduler retries it; an `error` reply fails it as the
/// worker says (`permanent`) and keeps the worker. Any line that is not the protocol ends
/// the worker and fails the request for good. Cancellation and the scheduler's time limit
/// end the worker's process group (SIGTERM, then SIGKILL). Each worker's standard error is
/// appended to `worker-N.log` in `logDirectory`. A worker exits when its standard input
/// closes: when this backend is released, or when animatic exits however it exits.
public struct WorkerGenerator: Generator {
    /// The worker program and its arguments.
    public let command: WorkerCommand
    /// The GPU each worker sees (`CUDA_VISIBLE_DEVICES`), one per worker; nil to leave it alone.
    public let gpus: [String]?
    /// Where the workers run; the current directory when nil.
    public let workingDirectory: URL?
    /// The workers' environment; this process's when nil.
    public let environment: [String: String]?
    /// Where `worker-N.log` files go.
    public let logDirectory: URL
    private let pool: WorkerPool

    /// `workers` workers running `command` (as many as `gpus` when given).
    public init(
        command: WorkerCommand, workers: Int = 1, gpus: [String]? = nil, workingDirectory: URL? = nil,
        environment: [String: String]? = nil, logDirectory: URL
    ) {
        self.command = command
        self.gpus = gpus
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.logDirectory = logDirectory
        pool = WorkerPool(places: gpus?.count ?? max(1, workers))
    }

    /// `worker`.
    public var name: String { "worker" }

    /// The command and, for a Wan2.2 task, the task's profile. The number of workers and
    /// their GPUs do not shape pixels.
    public var settings: String { "worker=\(command) \(profile.settingsText)" }

    /// The preset's sizes, rate, longest clip and image-to-video; as many jobs as workers.
    public var capabilities: GeneratorCapabilities {
        let preset = command.preset
        return GeneratorCapabilities(
            sizes: preset?.sizes, frameRates: preset.map { [Rational(Int32($0.frameRate))] },
            longestClipMilliseconds: preset?.longestClipMilliseconds, maxParallelJobs: pool.limiter.limit,
            imageToVideo: preset?.imageToVideo ?? false)
    }

    /// None: the worker program is named by the command, which is in the settings.
    public var inputFiles: [URL] { [] }

    /// Workers started so far (restarts included).
    public var workersStarted: Int { get async { await pool.starts } }

    /// The settings and what a request line holds but its ID and paths (the image as
    /// whether there is one).
    public func keyMaterial(for request: GenerationRequest) throws -> Data {
        let content = request.content
        return try CanonicalJSON.data(WorkerKeyMaterial(
            settings: settings, prompt: content.prompt, negativePrompt: content.negativePrompt, seed: content.seed,
            frames: content.frames, frameRate: content.frameRate.description, width: request.format.width,
            height: request.format.height, image: request.referenceImage != nil))
    }

    /// GPU time for the segment's seconds.
    public func charge(for request: GenerationRequest) -> RequestCharge? { .local(seconds: request.seconds) }

    /// Frame counts as Wan2.2 needs them (4n+1) for a Wan task, else exact, at the rate and
    /// among the sizes the worker announced.
    private var profile: OutputProfile {
        let preset = command.preset
        return OutputProfile(
            sizes: preset?.sizes, frameRate: preset?.frameRate, frameCount: preset == nil ? .exact : .fourNPlusOne)
    }

    /// Has an idle worker (started when its place has none) make `request` at `destination`.
    public func generate(_ request: GenerationRequest, to destination: URL) async throws {
        try await pool.limiter.withPermit {
            let (place, running) = await pool.checkOut()
            var worker = running
            do {
                let active: WorkerProcess
                if let running {
                    active = running
                } else {
                    active = try await start(place)
                    worker = active
                    await pool.started()
                }
                try await serve(request, on: active, to: destination)
                await pool.checkIn(place, worker: active)
            } catch {
                // A worker that was killed or crashed is not kept; one that answered with an
                // error is.
                let keep = worker.flatMap { $0.wasKilled || !Self.keepsWorker(error) ? nil : $0 }
                if keep == nil { worker?.kill() }
                await pool.checkIn(place, worker: keep)
                throw error
            }
        }
    }

    /// Whether a worker that failed a request with `error` can serve the next one: only when
    /// it said so itself, in an `error` reply, or the request did not fit it.
    private static func keepsWorker(_ error: any Error) -> Bool {
        guard let error = error as? BackendError else { return false }
        switch error.failure {
        case .taskEnded, .invalidConfiguration, .badOutput: return true
        default: return false
        }
    }

    private func start(_ place: Int) async throws -> WorkerProcess {
        guard let executable = executableURL(command.arguments[0], workingDirectory: workingDirectory, environment: environment)
        else {
            throw BackendError(
                backend: name, operation: "start worker \(place)",
                failure: .launch("\(command.arguments[0]) is not an executable file"), isPermanent: true)
        }
        var variables = environment ?? ProcessInfo.processInfo.environment
        if let gpus { variables["CUDA_VISIBLE_DEVICES"] = gpus[place] }
        return try await WorkerProcess.start(
            index: place, executable: executable, arguments: Array(command.arguments.dropFirst()),
            workingDirectory: workingDirectory, environment: variables,
            log: logDirectory.appendingPathComponent("worker-\(place).log"), backend: name)
    }

    /// Sends `request` to `worker` and follows its replies until `done` or `error`.
    private func serve(_ request: GenerationRequest, on worker: WorkerProcess, to destination: URL) async throws {
        let operation = "generate \(request.segmentID) on \(worker.name)"
        let ready = worker.ready
        let shape = OutputProfile(sizes: ready.sizes, frameRate: ready.fps, frameCount: profile.frameCount).shape(for: request)
        guard shape.frames <= ready.maxFrames else {
            throw BackendError(
                backend: name, operation: operation,
                failure: .invalidConfiguration(
                    "the segment needs \(shape.frames) frames at \(ready.fps) fps; the worker makes at most "
                        + "\(ready.maxFrames) (plan shorter segments with --max-segment)"),
                isPermanent: true)
        }
        let staged = StagedClip(for: destination)
        try await staged.commit(backend: name, operation: operation) { file in
            let line = WorkerRequest(
                id: request.segmentID.rawValue, prompt: request.content.prompt, negativePrompt: request.content.negativePrompt,
                seed: request.content.seed, frames: shape.frames, fps: ready.fps, width: shape.size.width,
                height: shape.size.height, image: request.referenceImage?.path, output: file.path)
            try await withTaskCancellationHandler {
                guard worker.send(line) else {
                    throw await worker.exitError(operation: operation, backend: name, before: "it took the request", crashed: true)
                }
                try await follow(line.id, on: worker, operation: operation)
            } onCancel: {
                worker.kill()
            }
        }
    }

    /// Reads `worker`'s replies to request `id` until `done` (returns) or `error` (throws).
    private func follow(_ id: String, on worker: WorkerProcess, operation: String) async throws {
        while true {
            guard let line = await worker.nextLine() else {
                if worker.wasKilled { throw CancellationError() }
                throw await worker.exitError(operation: operation, backend: name, before: "it answered", crashed: true)
            }
            let reply: WorkerReply
            do { reply = try WorkerReply.parse(line) } catch {
                throw protocolViolation(error.description, worker: worker, operation: operation)
            }
            switch reply {
            case let .progress(replyID, fraction) where replyID == id:
                GenerationProgress.send(fraction)
            case let .done(replyID) where replyID == id:
                return
            case let .error(replyID, message, permanent) where replyID == id:
                throw BackendError(
                    backend: name, operation: operation,
                    failure: .taskEnded(status: "error", code: "", message: message), isPermanent: permanent)
            case .ready:
                throw protocolViolation("a second ready line", worker: worker, operation: operation)
            case .progress, .done, .error:
                throw protocolViolation("a reply for another request: \(line.prefix(200))", worker: worker, operation: operation)
            }
        }
    }

    /// Ends a worker that broke the protocol and says how: permanent, since the same
    /// program would break it again.
    private func protocolViolation(_ message: String, worker: WorkerProcess, operation: String) -> BackendError {
        worker.kill()
        return BackendError(backend: name, operation: operation, failure: .protocolViolation(message), isPermanent: true)
    }
}

private struct WorkerKeyMaterial: Encodable {
    var settings: String
    var prompt: String
    var negativePrompt: String
    var seed: Int
    var frames: Int
    var frameRate: String
    var width: Int
    var height: Int
    var image: Bool
}

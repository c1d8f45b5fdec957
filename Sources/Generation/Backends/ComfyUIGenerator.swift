import Foundation
import Media
import Planning

/// The `comfyui` backend: the user's API-format workflow, filled in for each segment and
/// queued on one of several ComfyUI servers (`POST /prompt`), polled (`GET /history/{id}`)
/// and its video output downloaded (`GET /view`). While it runs, the server's websocket
/// (`/ws?clientId=…`, one client ID per run) gives its `progress` to the build's progress
/// display, says when it is done (the history is read at once rather than at the next
/// poll) and fails it at once on an `execution_error`; without a websocket (an `https`
/// server, a proxy that does not pass it) the polls alone follow the prompt.
///
/// Each segment goes to the server with the fewest of this build's jobs in flight; a
/// cancelled segment's prompt is taken out of its server's queue. A
/// workflow that the server rejects (400 with `node_errors`) fails permanently; an
/// execution error fails permanently unless it reads like running out of memory; a
/// finished prompt without a video output fails permanently (the workflow saves none).
public struct ComfyUIGenerator: Generator {
    /// The servers sharing the queue.
    public var servers: [URL] { pool.servers }
    /// The workflow.
    public var workflow: ComfyUIWorkflow
    /// The workflow's file, for the depfile; nil when it came from elsewhere.
    public var workflowFile: URL?
    /// The sizes, rate and frame counts the workflow makes (Wan2.2: 16 fps, 4n+1 frames).
    public var profile: OutputProfile
    /// Jobs at once on each server.
    public var jobsPerServer: Int
    /// The wait between polls.
    public var pollInterval: Duration
    /// The most polls of one prompt in one attempt.
    public var maxPolls: Int
    /// How the waits between polls are made.
    public var sleeper: Sleeper
    /// The longest clip to plan, in milliseconds.
    public var longestClipMilliseconds: Int?
    /// The largest video downloaded, in bytes; a larger one fails the attempt.
    public var maxDownloadBytes: Int
    private let pool: ServerPool
    private let client: HTTPClient

    /// A backend queueing `workflow` on `servers`.
    public init(
        servers: [URL], workflow: ComfyUIWorkflow, workflowFile: URL? = nil,
        profile: OutputProfile = OutputProfile(frameRate: 16, frameCount: .fourNPlusOne),
        longestClipMilliseconds: Int? = 5000,
        jobsPerServer: Int = 1, pollInterval: Duration = .seconds(2), maxPolls: Int = 3600,
        requestTimeout: TimeInterval = 60,
        sleeper: Sleeper = .continuous, maxDownloadBytes: Int = BackendOptions.defaultMaxDownloadBytes
    ) {
        self.maxDownloadBytes = max(1, maxDownloadBytes)
        self.workflow = workflow
        self.workflowFile = workflowFile
        self.profile = profile
        self.longestClipMilliseconds = longestClipMilliseconds
        self.jobsPerServer = max(1, jobsPerServer)
        self.pollInterval = pollInterval
        self.maxPolls = max(1, maxPolls)
        self.sleeper = sleeper
        self.pool = ServerPool(servers: servers)
        self.client = HTTPClient(backend: "comfyui", requestTimeout: requestTimeout)
    }

    /// `comfyui`.
    public var name: String { "comfyui" }

    /// GPU time (on the ComfyUI servers) for the segment's seconds.
    public func charge(for request: GenerationRequest) -> RequestCharge? { .local(seconds: request.seconds) }

    /// The workflow's digest and the profile (not the servers: any of them makes the same clip).
    public var settings: String { "workflow=\(SHA256.hex(workflow.text.utf8)) \(profile.settingsText)" }

    /// The profile's sizes and rate, the longest clip, `jobsPerServer` on each server.
    public var capabilities: GeneratorCapabilities {
        GeneratorCapabilities(
            sizes: profile.sizes, frameRates: profile.frameRate.map { [Rational(Int32($0))] },
            longestClipMilliseconds: longestClipMilliseconds, maxParallelJobs: servers.count * jobsPerServer,
            imageToVideo: workflow.text.contains(Placeholder.reference.token))
    }

    /// The workflow file.
    public var inputFiles: [URL] { workflowFile.map { [$0] } ?? [] }

    /// Queues the filled-in workflow on the least busy server, waits for it, downloads its video.
    public func generate(_ request: GenerationRequest, to destination: URL) async throws {
        guard !servers.isEmpty else {
            throw failure("choose a server", .invalidConfiguration("no ComfyUI server URL was given"), permanent: true)
        }
        let index = await pool.checkOut()
        do {
            try await run(request, to: destination, server: servers[index])
            await pool.checkIn(index)
        } catch {
            await pool.checkIn(index)
            throw error
        }
    }

    /// The profile and the workflow graph filled for `request`, the reference image's file
    /// left as its placeholder.
    public func keyMaterial(for request: GenerationRequest) throws -> Data {
        var values = PlaceholderValues(request: request, shape: profile.shape(for: request), output: nil)
        values.values[.reference] = request.referenceImage.map { _ in Placeholder.reference.token }
        let graph = try JSONSerialization.data(withJSONObject: workflow.filled(with: values), options: [.sortedKeys])
        return Data(profile.settingsText.utf8) + Data("\n".utf8) + graph
    }

    private func run(_ request: GenerationRequest, to destination: URL, server: URL) async throws {
        let segment = request.segmentID
        var values = PlaceholderValues(request: request, shape: profile.shape(for: request), output: nil)
        // The server reads images from its own input folder: the last frame goes there first,
        // and `{reference}` (a LoadImage node's `image`) names it as the server does.
        if let reference = request.referenceImage {
            values.values[.reference] = try await upload(reference, to: server, segment: segment)
        }
        // Opened before the prompt is queued, so that no message about it is missed.
        let clientID = UUID().uuidString
        let socket = await Self.socket(on: server, clientID: clientID)
        let submission: [String: Any] = ["prompt": try workflow.filled(with: values), "client_id": clientID]
        let body = try JSONSerialization.data(withJSONObject: submission, options: [.sortedKeys])
        let queued = "queue the workflow for \(segment) on \(server.absoluteString)"
        let answer = try await client.send(
            "POST", server.appendingPathComponent("prompt"), body: body, operation: queued)
        guard let object = try? JSONSerialization.jsonObject(with: answer) as? [String: Any],
            let promptID = object["prompt_id"] as? String
        else {
            throw failure(
                queued, .protocolViolation("no prompt_id in \(HTTPClient.message(in: answer))"), permanent: false)
        }
        let file: ComfyUIHistory.File
        do {
            file = try await follow(promptID, on: server, segment: segment, socket: socket)
        } catch is CancellationError {
            await withdraw(promptID, from: server)
            throw CancellationError()
        }
        var components = URLComponents(url: server.appendingPathComponent("view"), resolvingAgainstBaseURL: false)
        components?.queryItems = [
            URLQueryItem(name: "filename", value: file.filename),
            URLQueryItem(name: "subfolder", value: file.subfolder),
            URLQueryItem(name: "type", value: file.type),
        ]
        guard let url = components?.url else {
            throw failure(
                "download \(file.filename)", .protocolViolation("no URL for \(file.filename)"), permanent: true)
        }
        let operation = "download \(file.filename) of prompt \(promptID) for \(segment)"
        let pathExtension = (file.filename as NSString).pathExtension
        try await StagedClip(for: destination, extension: pathExtension.isEmpty ? "mp4" : pathExtension)
            .commit(backend: name, operation: operation) { [client, maxDownloadBytes] in
                try await client.download(url, to: $0, limit: maxDownloadBytes, operation: operation)
            }
    }

    /// Uploads `image` with `POST /upload/image` (multipart, field `image`) and returns the
    /// name the server gave it, with its subfolder (`sub/frame.png`) when it has one.
    private func upload(_ image: URL, to server: URL, segment: SegmentID) async throws -> String {
        let operation = "upload the last frame for \(segment) to \(server.absoluteString)"
        let data: Data
        do { data = try Data(contentsOf: image) } catch {
            throw failure(operation, .badOutput(error.localizedDescription), permanent: false)
        }
        let boundary = "animatic-" + UUID().uuidString
        var body = Data()
        func add(_ text: String) { body.append(Data(text.utf8)) }
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"image\"; filename=\"\(segment)-\(UUID().uuidString).png\"\r\n")
        add("Content-Type: image/png\r\n\r\n")
        body.append(data)
        add("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\ninput\r\n--\(boundary)--\r\n")
        let answer = try await client.send(
            "POST", server.appendingPathComponent("upload").appendingPathComponent("image"),
            headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], body: body, operation: operation)
        guard let object = try? JSONSerialization.jsonObject(with: answer) as? [String: Any],
            let name = object["name"] as? String, !name.isEmpty
        else {
            throw failure(operation, .protocolViolation("no name in \(HTTPClient.message(in: answer))"), permanent: false)
        }
        let subfolder = object["subfolder"] as? String ?? ""
        return subfolder.isEmpty ? name : subfolder + "/" + name
    }

    /// The websocket of `server` for `clientID`, or nil when it cannot be opened: then the
    /// polls alone follow the prompt.
    private static func socket(on server: URL, clientID: String) async -> WebSocketClient? {
        guard var components = URLComponents(url: server.appendingPathComponent("ws"), resolvingAgainstBaseURL: false),
            components.scheme == "http"
        else { return nil }
        components.scheme = "ws"
        components.queryItems = [URLQueryItem(name: "clientId", value: clientID)]
        guard let url = components.url else { return nil }
        return try? await WebSocketClient.connect(url)
    }

    /// How following the websocket ended.
    private enum Heard {
        /// The history had the prompt's video.
        case file(ComfyUIHistory.File)
        /// The websocket said the prompt is done.
        case done
        /// The websocket closed first: the polls go on alone.
        case closed
    }

    /// Waits for `promptID` to finish: the history's polls and, with a `socket`, its messages
    /// at the same time. The websocket's word that it is done has the history read at once.
    private func follow(
        _ promptID: String, on server: URL, segment: SegmentID, socket: WebSocketClient?
    ) async throws -> ComfyUIHistory.File {
        guard let socket else { return try await wait(for: promptID, on: server, segment: segment) }
        let operation = "run prompt \(promptID) for \(segment) on \(server.absoluteString)"
        let heard = try await withThrowingTaskGroup(of: Heard.self) { group in
            group.addTask { .file(try await wait(for: promptID, on: server, segment: segment)) }
            group.addTask { try await listen(socket.messages(), promptID: promptID, operation: operation) }
            defer { group.cancelAll() }
            while let heard = try await group.next() {
                if case .closed = heard { continue }
                return heard
            }
            return Heard.closed
        }
        if case let .file(file) = heard { return file }
        return try await wait(for: promptID, on: server, segment: segment)
    }

    /// Passes the websocket's `progress` to the build and returns when it says the prompt
    /// is done, or closes; throws the node's error on `execution_error`.
    private func listen(
        _ messages: AsyncThrowingStream<String, any Error>, promptID: String, operation: String
    ) async throws -> Heard {
        do {
            for try await text in messages {
                switch ComfyUIMessage(text, promptID: promptID) {
                case let .progress(fraction): GenerationProgress.send(fraction)
                case .executing(nil): return .done
                case let .failed(message):
                    throw failure(
                        operation, .taskEnded(status: "error", code: "execution_error", message: message),
                        permanent: !CommandGenerator.looksOutOfMemory(message))
                case .executing, .other: continue
                }
            }
        } catch let error as BackendError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // A broken websocket only loses the progress: the polls go on.
        }
        return .closed
    }

    /// Polls the history of `promptID` until it finishes, at most `maxPolls` times.
    private func wait(for promptID: String, on server: URL, segment: SegmentID) async throws -> ComfyUIHistory.File {
        let operation = "run prompt \(promptID) for \(segment) on \(server.absoluteString)"
        let url = server.appendingPathComponent("history").appendingPathComponent(promptID)
        for poll in 0..<maxPolls {
            if poll > 0 { try await sleeper.sleep(pollInterval) }
            let data = try await client.send("GET", url, operation: operation)
            guard let history = try? JSONSerialization.jsonObject(with: data) else {
                throw failure(operation, .protocolViolation("the history is not JSON"), permanent: false)
            }
            switch ComfyUIHistory(history: history, promptID: promptID) {
            case .pending: continue
            case let .failed(message):
                throw failure(
                    operation, .taskEnded(status: "error", code: "execution_error", message: message),
                    permanent: !CommandGenerator.looksOutOfMemory(message))
            case let .finished(file?): return file
            case .finished(nil):
                throw failure(
                    operation, .badOutput("the workflow saved no video (SaveVideo or VHS_VideoCombine)"),
                    permanent: true)
            }
        }
        throw failure(operation, .protocolViolation("still running after \(maxPolls) polls"), permanent: false)
    }

    /// Takes a cancelled prompt out of the server's queue (`POST /queue {"delete": [id]}`)
    /// and, if it is already running, stops it (`POST /interrupt {"prompt_id": id}`, which
    /// interrupts only that prompt, not another client's), so that a stopped build leaves no
    /// work behind. Ignores failures: the build is stopping anyway.
    private func withdraw(_ promptID: String, from server: URL) async {
        let delete = try? JSONSerialization.data(withJSONObject: ["delete": [promptID]])
        let interrupt = try? JSONSerialization.data(withJSONObject: ["prompt_id": promptID])
        // An unstructured task, so that the requests are not cancelled with the segment.
        await Task { [client] in
            _ = try? await client.send(
                "POST", server.appendingPathComponent("queue"), body: delete, operation: "withdraw \(promptID)")
            _ = try? await client.send(
                "POST", server.appendingPathComponent("interrupt"), body: interrupt, operation: "interrupt \(promptID)")
        }.value
    }

    private func failure(_ operation: String, _ failure: BackendFailure, permanent: Bool) -> BackendError {
        BackendError(backend: name, operation: operation, failure: failure, isPermanent: permanent)
    }
}

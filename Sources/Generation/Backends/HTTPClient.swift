import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The HTTP calls of the remote backends, with their failures as `BackendError`s: no
/// answer is transient; 408, 425, 429 and 5xx are transient (with `Retry-After`); any other
/// status of 400 or more is permanent (a rejected request, a refused credential).
struct HTTPClient: Sendable {
    var backend: String
    var session: URLSession
    /// The longest wait for one answer.
    var requestTimeout: TimeInterval

    init(backend: String, requestTimeout: TimeInterval) {
        self.backend = backend
        self.requestTimeout = requestTimeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = requestTimeout
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    /// Sends `method` to `url` with `headers` and a `body` (JSON unless `headers` names
    /// another `Content-Type`); returns the body of a 2xx answer, throws for any other.
    func send(
        _ method: String, _ url: URL, headers: [String: String] = [:], body: Data? = nil, operation: String
    ) async throws -> Data {
        var request = URLRequest(url: url, timeoutInterval: requestTimeout)
        request.httpMethod = method
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        for (field, value) in headers { request.setValue(value, forHTTPHeaderField: field) }
        let (data, response) = try await exchange(request, operation: operation)
        guard (200..<300).contains(response.statusCode) else {
            throw statusError(response, body: data, operation: operation)
        }
        return data
    }

    /// Downloads `url` into `file` as the body arrives (memory stays flat), refusing a body
    /// over `limit` bytes, by its `Content-Length` or as it is counted, as a transient
    /// `downloadTooLarge`; a body shorter than its `Content-Length` is a transient
    /// `truncatedDownload`.
    func download(_ url: URL, to file: URL, limit: Int, operation: String) async throws {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = requestTimeout
        configuration.urlCache = nil
        let outcome = try await StreamingDownload(file: file, limit: limit).run(
            URLRequest(url: url, timeoutInterval: requestTimeout), configuration: configuration)
        func failure(_ failure: BackendFailure) -> BackendError {
            BackendError(backend: backend, operation: operation, failure: failure, isPermanent: false)
        }
        if let refusal = outcome.refusal {
            throw failure(.downloadTooLarge(limit: limit, declared: refusal.declaredLength))
        }
        if let error = outcome.writeError { throw error }
        if let error = outcome.transferError {
            if let error = error as? URLError, error.code != .cancelled {
                try Task.checkCancellation()
                throw failure(.connection(error.localizedDescription))
            }
            throw CancellationError()
        }
        guard let response = outcome.response else { throw failure(.protocolViolation("not an HTTP answer")) }
        guard (200..<300).contains(response.statusCode) else {
            throw statusError(response, body: outcome.errorBody, operation: operation)
        }
        if let field = response.value(forHTTPHeaderField: "Content-Length"), let expected = Int(field),
            outcome.received < expected
        {
            throw failure(.truncatedDownload(received: outcome.received, expected: expected))
        }
    }

    private func exchange(_ request: URLRequest, operation: String) async throws -> (Data, HTTPURLResponse) {
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await answer(to: request)
        } catch let error as URLError where error.code == .cancelled {
            throw CancellationError()
        } catch let error as URLError {
            try Task.checkCancellation()
            throw BackendError(
                backend: backend, operation: operation, failure: .connection(error.localizedDescription),
                isPermanent: false)
        }
        // An answer that came is returned even when the task is being cancelled: a created
        // task's ID must reach the journal. The caller's next wait sees the cancellation.
        guard let http = response as? HTTPURLResponse else {
            throw BackendError(
                backend: backend, operation: operation, failure: .protocolViolation("not an HTTP answer"),
                isPermanent: false)
        }
        return (data, http)
    }

    /// `session.data(for:)`, but cancelled safely. FoundationNetworking's own async
    /// `data(for:)` cancels its URL task from the Swift task's cancellation handler, which
    /// runs under that task's status lock, and waits there for the session's queue; when an
    /// answer is being delivered on that queue at the same moment, it needs the same lock,
    /// and both wait for ever (seen: a build stopped by SIGTERM while polling DashScope
    /// hung). Here the handler only hands the cancel to another queue.
    private func answer(to request: URLRequest) async throws -> (Data, URLResponse) {
        let pending = PendingTask()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                pending.start(task)
            }
        } onCancel: {
            pending.cancel()
        }
    }

    /// The error for a non-2xx answer, with the service's message from the body.
    private func statusError(_ response: HTTPURLResponse, body: Data, operation: String) -> BackendError {
        let status = response.statusCode
        let transient = [408, 425, 429].contains(status) || status >= 500
        return BackendError(
            backend: backend, operation: operation, failure: .http(status: status, message: Self.message(in: body)),
            isPermanent: !transient,
            retryAfter: response.value(forHTTPHeaderField: "Retry-After").flatMap { RetryAfter.parse($0) })
    }

    /// The message a JSON error body carries (`message`, `error.message`, `code`), else
    /// the body's first 300 characters.
    static func message(in body: Data) -> String {
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            let nested = object["error"] as? [String: Any]
            var parts = [object["code"], object["message"], nested?["type"], nested?["message"]]
                .compactMap { $0 as? String }.filter { !$0.isEmpty }
            parts += nodeErrors(object["node_errors"] as? [String: Any] ?? [:])
            if !parts.isEmpty { return parts.joined(separator: ": ") }
        }
        return String(String(decoding: body, as: UTF8.self).prefix(300))
    }

    /// ComfyUI's `node_errors`, one text a node: `node 3 (KSampler): Value not in list (sampler_name: …)`.
    private static func nodeErrors(_ errors: [String: Any]) -> [String] {
        errors.keys.sorted().map { node in
            let entry = errors[node] as? [String: Any] ?? [:]
            let details = (entry["errors"] as? [[String: Any]] ?? []).map { error in
                let message = error["message"] as? String ?? "error"
                let detail = error["details"] as? String ?? ""
                return detail.isEmpty ? message : "\(message) (\(detail))"
            }
            return "node \(node) (\(entry["class_type"] as? String ?? "?")): " + details.joined(separator: "; ")
        }
    }
}

/// The URL task of one exchange, cancelled from any thread without waiting: the cancel
/// runs on a global queue, never under the caller's locks. Cancelled before it started,
/// it is cancelled as it starts.
private final class PendingTask: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var cancelled = false

    func start(_ task: URLSessionDataTask) {
        let cancelNow = lock.withLock {
            self.task = task
            return cancelled
        }
        task.resume()
        if cancelNow { Self.cancelLater(task) }
    }

    func cancel() {
        let task = lock.withLock {
            cancelled = true
            return self.task
        }
        if let task { Self.cancelLater(task) }
    }

    private static func cancelLater(_ task: URLSessionDataTask) {
        DispatchQueue.global().async { task.cancel() }
    }
}

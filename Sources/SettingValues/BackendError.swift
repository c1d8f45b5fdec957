/// One failed attempt of a backend at a segment: which backend, what it was doing, what
/// went wrong, and whether trying again can help.
///
/// Messages never hold a credential: backends that send one redact it from every text they
/// put here.
public struct BackendError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The backend's name (`command`, `dashscope`, `comfyui`).
    public var backend: String
    /// What the backend was doing: `create the task for 1A-1`, `run python3`.
    public var operation: String
    /// What went wrong.
    public var failure: BackendFailure
    /// True when trying again cannot help (a rejected request, a refused credential); false
    /// when it may (time-outs, connection errors, 429, 5xx, retryable task failures, bad files).
    public var isPermanent: Bool
    /// How long the service asked to wait before the next request (`Retry-After`), if it did.
    public var retryAfter: Duration?
    /// Whether the service is throttling (HTTP 429, or 503 with `Retry-After`): a rate quota
    /// that recovers, waited out until the policy's patience runs out, not counted as an attempt.
    public var isThrottled: Bool {
        guard case let .http(status, _) = failure, !isPermanent else { return false }
        return status == 429 || (status == 503 && retryAfter != nil)
    }
    /// How many attempts were made when the scheduler gave up; 1 until it sets it.
    public var attempts: Int

    /// An error as listed.
    public init(
        backend: String, operation: String, failure: BackendFailure, isPermanent: Bool, retryAfter: Duration? = nil,
        attempts: Int = 1
    ) {
        self.backend = backend
        self.operation = operation
        self.failure = failure
        self.isPermanent = isPermanent
        self.retryAfter = retryAfter
        self.attempts = attempts
    }

    /// `dashscope: create the task for 1A-1 failed: HTTP 429: Throttling (transient, 3 attempts)`.
    public var description: String {
        var notes: [String] = []
        if !isPermanent { notes.append("transient") }
        if attempts > 1 { notes.append("\(attempts) attempts") }
        let suffix = notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")"
        return "\(backend): \(operation) failed: \(failure)\(suffix)"
    }

    /// The same error with every occurrence of `secret` replaced by `[redacted]`.
    package func redacting(_ secret: String) -> BackendError {
        guard !secret.isEmpty else { return self }
        var copy = self
        copy.operation = operation.replacingOccurrences(of: secret, with: "[redacted]")
        copy.failure = failure.redacting(secret)
        return copy
    }
}

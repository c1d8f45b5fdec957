/// What went wrong in a backend's attempt at a segment.
public enum BackendFailure: Sendable, Hashable, CustomStringConvertible {
    /// The service answered with HTTP `status`; `message` is what its body says.
    case http(status: Int, message: String)
    /// No answer: the connection failed or the request timed out.
    case connection(String)
    /// The remote task ended with `status` (FAILED, CANCELED, UNKNOWN), the service's code and message.
    case taskEnded(status: String, code: String, message: String)
    /// The program exited with `status`, or was killed by signal `status`; `log` is the end of its output.
    case processExited(status: Int32, bySignal: Bool, log: String)
    /// The program could not be started.
    case launch(String)
    /// The backend finished without a usable video file (why).
    case badOutput(String)
    /// The download ended after `received` of `expected` bytes.
    case truncatedDownload(received: Int, expected: Int)
    /// The download was refused for being over `limit` bytes: its `Content-Length` said
    /// `declared`, or (nil) more than `limit` bytes arrived.
    case downloadTooLarge(limit: Int, declared: Int?)
    /// The service's answer does not follow its protocol.
    case protocolViolation(String)
    /// This backend cannot make the request as configured (why).
    case invalidConfiguration(String)
    /// The credential the backend needs is not in the environment (the variable's name).
    case missingCredential(String)
    /// The segment's overall time limit, in seconds, passed.
    case timedOut(seconds: Double)

    /// One line saying what went wrong.
    public var description: String {
        switch self {
        case let .http(status, message): "HTTP \(status)" + (message.isEmpty ? "" : ": \(message)")
        case let .connection(message): "no answer: \(message)"
        case let .taskEnded(status, code, message):
            "task ended \(status)" + (code.isEmpty ? "" : " [\(code)]") + (message.isEmpty ? "" : ": \(message)")
        case let .processExited(status, bySignal, log):
            (bySignal ? "killed by signal \(status)" : "exit status \(status)") + (log.isEmpty ? "" : ": \(log)")
        case let .launch(message): "cannot start: \(message)"
        case let .badOutput(message): "unusable output: \(message)"
        case let .truncatedDownload(received, expected): "download cut short at \(received) of \(expected) bytes"
        case let .downloadTooLarge(limit, declared):
            "download refused: " + (declared.map { "its \(ByteCount.text($0)) are" } ?? "it is")
                + " over the limit of \(ByteCount.text(limit)) (backend.max_download)"
        case let .protocolViolation(message): "unexpected answer: \(message)"
        case let .invalidConfiguration(message): message
        case let .missingCredential(variable): "\(variable) is not set in the environment"
        case let .timedOut(seconds): "no clip within the segment's time limit of \(secondsText(seconds)) s"
        }
    }

    package func redacting(_ secret: String) -> BackendFailure {
        func clean(_ text: String) -> String { text.replacingOccurrences(of: secret, with: "[redacted]") }
        return switch self {
        case let .http(status, message): .http(status: status, message: clean(message))
        case let .connection(message): .connection(clean(message))
        case let .taskEnded(status, code, message): .taskEnded(status: status, code: code, message: clean(message))
        case let .processExited(status, bySignal, log):
            .processExited(status: status, bySignal: bySignal, log: clean(log))
        case let .launch(message): .launch(clean(message))
        case let .badOutput(message): .badOutput(clean(message))
        case let .protocolViolation(message): .protocolViolation(clean(message))
        case let .invalidConfiguration(message): .invalidConfiguration(clean(message))
        case .truncatedDownload, .downloadTooLarge, .missingCredential, .timedOut: self
        }
    }
}

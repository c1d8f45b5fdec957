import Foundation
import Generation
import Media

/// Why a segment's clip could not be made, as a value: what kind of failure it was, the
/// HTTP status when a service answered with one, and a message fit to show, with every
/// credential of the environment taken out (`SecretRedaction`). It travels from the step
/// that failed into the progress display and the report (`BuildReport.Segment.failure`).
public struct SegmentFailure: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kinds of failure, as the report names them.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The service answered with an HTTP error (`status`).
        case http
        /// No clip within a time limit.
        case timeout
        /// The service refused the content (its moderation, a safety checker).
        case refusedContent = "refused-content"
        /// The remote task ended without a clip, for another reason.
        case taskFailed = "task-failed"
        /// The backend's file is not a usable clip (cut short, too large, undecodable, wrong length).
        case badClip = "bad-clip"
        /// No answer, or an answer that breaks the service's protocol.
        case transport
        /// The backend's program could not start, or exited with an error.
        case process
        /// The backend is not set up to make the request (a setting, a missing credential).
        case configuration
        /// The segment continues one that failed: there is no frame to start it from.
        case predecessorFailed = "predecessor-failed"
        /// Quality control could not read or keep the clip.
        case qualityControl = "quality-control"
        /// Anything else.
        case other
    }

    /// What kind of failure it was.
    public var kind: Kind
    /// For `http`: the status the service answered with.
    public var status: Int?
    /// What went wrong, in words, credentials redacted.
    public var message: String

    /// A failure of `kind`, its `message` redacted.
    public init(_ kind: Kind, status: Int? = nil, message: String) {
        self.kind = kind
        self.status = status
        self.message = SecretRedaction.redact(message)
    }

    /// The failure `error` stands for: a backend's error by its kind, a media error as a bad
    /// clip, anything else as `fallback`.
    public init(_ error: any Error, fallback: Kind = .other) {
        guard let error = error as? BackendError else {
            self.init(error is MediaError ? .badClip : fallback, message: "\(error)")
            return
        }
        let (kind, status): (Kind, Int?) =
            switch error.failure {
            case let .http(status, _): (.http, status)
            case .timedOut: (.timeout, nil)
            case let .taskEnded(_, code, message):
                (Self.isRefusal(code + " " + message) ? .refusedContent : .taskFailed, nil)
            case let .processExited(_, _, log): (Self.isRefusal(log) ? .refusedContent : .process, nil)
            case .launch: (.process, nil)
            case .badOutput, .truncatedDownload, .downloadTooLarge: (.badClip, nil)
            case .connection, .protocolViolation: (.transport, nil)
            case .invalidConfiguration, .missingCredential: (.configuration, nil)
            }
        self.init(kind, status: status, message: "\(error)")
    }

    /// Whether a service's or program's words say it refused the content: DashScope's
    /// `DataInspectionFailed`, a safety checker's refusal.
    private static func isRefusal(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["datainspectionfailed", "inappropriate", "safety checker", "content moderation"].contains(where: lower.contains)
    }

    /// The message.
    public var description: String { message }
}

import Foundation

/// What DashScope says of a task: `{"output": {"task_id", "task_status", "video_url",
/// "code", "message"}, "request_id"}`.
struct DashScopeTask: Decodable {
    struct Output: Decodable {
        var taskID: String?
        var taskStatus: String?
        var videoURL: String?
        var code: String?
        var message: String?

        enum CodingKeys: String, CodingKey {
            case taskID = "task_id"
            case taskStatus = "task_status"
            case videoURL = "video_url"
            case code, message
        }
    }

    var output: Output

    /// The states in which a task is still working.
    static let unfinished: Set<String> = ["PENDING", "RUNNING"]

    /// Whether a FAILED task with `code` may succeed when submitted again: internal
    /// errors, throttling and time-outs may; rejected content and parameters may not.
    static func isRetryable(code: String) -> Bool {
        ["InternalError", "SystemError", "Throttling", "ServiceUnavailable", "RequestTimeOut", "Timeout"]
            .contains { code.hasPrefix($0) }
    }
}

/// The body of a create request, encoded with sorted keys so that the same request always
/// gives the same bytes (and the same journal digest).
struct DashScopeBody: Encodable {
    struct Input: Encodable {
        var prompt: String
        var negativePrompt: String?
        /// The first frame, for an image-to-video model of the first-frame protocol (wan2.6 and earlier).
        var imageURL: String?
        /// The media, for wan2.7's image-to-video protocol: `[{"type": "first_frame", "url": …}]`.
        var media: [Media]?

        enum CodingKeys: String, CodingKey {
            case prompt
            case negativePrompt = "negative_prompt"
            case imageURL = "img_url"
            case media
        }
    }

    /// One entry of `input.media`.
    struct Media: Encodable {
        var type: String
        var url: String
    }

    var model: String
    var input: Input
    var parameters: [String: Parameter]

    /// A parameter's value: text, a whole number or a flag.
    enum Parameter: Encodable {
        case text(String)
        case number(Int)
        case flag(Bool)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case let .text(value): try container.encode(value)
            case let .number(value): try container.encode(value)
            case let .flag(value): try container.encode(value)
            }
        }
    }

    /// The longest prompt and negative prompt DashScope takes, in characters.
    static let negativeLimit = 500

    var data: Data { get throws { try CanonicalJSON.data(self) } }
}

extension String {
    /// The text cut to at most `limit` characters, at the last space within it when there
    /// is one in the second half.
    func clipped(to limit: Int) -> String {
        guard count > limit else { return self }
        let head = prefix(limit)
        if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) > limit / 2 {
            return String(head[..<space])
        }
        return String(head)
    }
}

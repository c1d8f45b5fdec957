import Foundation

/// A prompt reviser on DashScope's OpenAI-compatible chat endpoint
/// (`/compatible-mode/v1/chat/completions`) with a Qwen model (`--reviser dashscope`).
/// The key comes only from `DASHSCOPE_API_KEY`, is sent only to `baseURL`, and appears in
/// no message. A transient failure (no answer, 429, 5xx) is tried again, up to `attempts`
/// times, after `Retry-After` when the service gives one.
public struct DashScopeReviser: PromptReviser {
    /// The regional endpoint, as for the video backend.
    public var baseURL: URL
    /// The chat model: `qwen-plus` unless told.
    public var model: String
    /// Attempts in all for one note.
    public var attempts: Int
    /// The longest wait for a retry.
    public var longestWait: Duration
    private let client: HTTPClient
    private let environment: @Sendable () -> [String: String]

    /// The default chat model.
    public static let defaultModel = "qwen-plus"

    /// What the model is told to do with each request.
    static let instructions = """
        You revise prompts for a text-to-video model used for film previsualisation. The user \
        message is JSON with the shot's current prompt and a director's note on the shot. \
        Answer with the revised prompt only: the same language, the same order (atmosphere, \
        subject and action, environment, camera, colour tone), changed only as the note asks, \
        at most 800 characters, no quotes and no commentary.
        """

    public init(
        baseURL: URL = DashScopeGenerator.defaultBaseURL, model: String = DashScopeReviser.defaultModel, attempts: Int = 3,
        longestWait: Duration = .seconds(30), requestTimeout: TimeInterval = 60,
        environment: @escaping @Sendable () -> [String: String] = { ProcessInfo.processInfo.environment }
    ) {
        self.baseURL = baseURL
        self.model = model
        self.attempts = max(1, attempts)
        self.longestWait = longestWait
        self.client = HTTPClient(backend: "dashscope", requestTimeout: requestTimeout)
        self.environment = environment
    }

    /// `dashscope`.
    public var name: String { "dashscope" }

    /// The chat request's body: the instructions, the request as JSON, temperature 0 so that
    /// the same note on the same prompt tends to the same answer.
    func body(for request: RevisionRequest) -> Data {
        let body = ChatBody(
            model: model,
            messages: [.init(role: "system", content: Self.instructions),
                       .init(role: "user", content: String(decoding: request.json, as: UTF8.self))],
            temperature: 0)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(body)) ?? Data()
    }

    public func revise(_ request: RevisionRequest) async throws -> String {
        let operation = "revise \(request.shot) with \(model)"
        guard let key = environment()[DashScopeGenerator.apiKeyVariable], !key.isEmpty else {
            throw BackendError(backend: name, operation: "read the API key",
                               failure: .missingCredential(DashScopeGenerator.apiKeyVariable), isPermanent: true)
        }
        let url = baseURL.appendingPathComponent("compatible-mode/v1/chat/completions")
        var attempt = 1
        while true {
            do {
                let data = try await client.send(
                    "POST", url, headers: ["Authorization": "Bearer \(key)"], body: body(for: request), operation: operation)
                guard let answer = try? JSONDecoder().decode(ChatAnswer.self, from: data),
                      let content = answer.choices.first?.message.content
                else {
                    throw BackendError(backend: name, operation: operation,
                                       failure: .protocolViolation("no choices[0].message.content"), isPermanent: true)
                }
                return try checked(content, operation: operation)
            } catch let error as BackendError {
                let redacted = error.redacting(key)
                guard !redacted.isPermanent, attempt < attempts else {
                    var final = redacted
                    final.attempts = attempt
                    throw final
                }
                let backoff = Duration.seconds(1 << (attempt - 1))
                try await Task.sleep(for: min(max(backoff, redacted.retryAfter ?? .zero), longestWait))
                attempt += 1
            }
        }
    }
}

/// The chat completion request, as the OpenAI-compatible endpoint reads it.
private struct ChatBody: Encodable {
    struct Message: Codable {
        var role: String
        var content: String
    }

    var model: String
    var messages: [Message]
    var temperature: Double
}

/// The part of a chat completion answer the reviser reads.
private struct ChatAnswer: Decodable {
    struct Choice: Decodable {
        var message: ChatBody.Message
    }

    var choices: [Choice]
}

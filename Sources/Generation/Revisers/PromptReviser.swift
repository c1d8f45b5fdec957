import Foundation
import Planning

/// What a text model is asked when a note becomes a revision: the note on a shot and the
/// shot's current prompt. A command reviser reads it as JSON on its standard input
/// (docs/review.md): `{"language": "en", "note": "…", "prompt": "…", "shot": "2K"}`.
public struct RevisionRequest: Sendable, Hashable, Codable {
    /// The shot's ID.
    public var shot: ShotID
    /// The director's note, as written.
    public var note: String
    /// The shot's prompt as planned now (its first segment's), revisions so far included.
    public var prompt: String
    /// The prompt's language, `en` or `zh`; the revised prompt keeps it.
    public var language: String

    public init(shot: ShotID, note: String, prompt: String, language: String) {
        self.shot = shot
        self.note = note
        self.prompt = prompt
        self.language = language
    }

    /// The request as compact JSON with sorted keys.
    public var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Four strings always encode.
        return (try? encoder.encode(self)) ?? Data()
    }
}

/// A text model that rewrites a shot's prompt to answer a note.
public protocol PromptReviser: Sendable {
    /// `command` or `dashscope`, for messages.
    var name: String { get }

    /// The revised prompt for `request`.
    /// - Throws: `BackendError` when the model cannot answer (its message holds no credential),
    ///   or `CancellationError`.
    func revise(_ request: RevisionRequest) async throws -> String
}

extension PromptReviser {
    /// `answer` trimmed, or a permanent error when nothing is left of it.
    func checked(_ answer: String, operation: String) throws -> String {
        let prompt = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !prompt.isEmpty else {
            throw BackendError(backend: name, operation: operation, failure: .badOutput("an empty prompt"), isPermanent: true)
        }
        return prompt
    }
}

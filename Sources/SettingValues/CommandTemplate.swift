/// A program and its arguments, with placeholders: `python generate.py --prompt {prompt}
/// --save_file {output}`.
///
/// Each argument is expanded on its own, and the program is started with the arguments as
/// an array, never through a shell: a prompt with quotes, spaces, `$` or `;` reaches the
/// program as one argument, exactly as written. An argument holding `{reference}` (or `{audio}`) when the
/// segment has no reference image is left out, with the option before it when that starts
/// with `-` (so `--image {reference}` disappears for a shot's first segment).
public struct CommandTemplate: Sendable, Hashable, CustomStringConvertible {
    /// The program (a path, or a name looked up on `PATH`) and its arguments.
    public var arguments: [String]

    /// A template of `arguments`; the program must be named and `{output}` must appear.
    public init(arguments: [String]) throws(BackendError) {
        guard let program = arguments.first, !program.isEmpty else {
            throw Self.invalid("the command template names no program")
        }
        guard arguments.contains(where: { $0.contains(Placeholder.output.token) }) else {
            throw Self.invalid("the command template has no {output} argument, so the clip would go nowhere")
        }
        self.arguments = arguments
    }

    /// Splits `text` into arguments the way a shell splits words, without doing anything
    /// else a shell does: whitespace separates, `'…'` keeps everything, `"…"` keeps
    /// everything but `\"` and `\\`, and `\` outside quotes keeps the next character.
    public init(parsing text: String) throws(BackendError) {
        try self.init(arguments: try Self.words(text))
    }

    /// `text` split into arguments as `init(parsing:)` splits it, for other commands (a
    /// prompt reviser) that take no placeholders.
    public static func words(_ text: String) throws(BackendError) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                word.append(character)
                escaped = false
            } else if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else {
                    word.append(character)
                }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == "\\" {
                escaped = true
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        guard quote == nil, !escaped else { throw Self.invalid("the command template ends inside a quote or after \\") }
        if inWord { words.append(word) }
        return words
    }

    /// The arguments, shell-quoted where needed, for messages and settings.
    public var description: String { Self.quoted(arguments) }

    /// `arguments` shell-quoted where needed, joined by spaces.
    package static func quoted(_ arguments: [String]) -> String {
        arguments.map { argument in
            let plain =
                !argument.isEmpty
                && argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:{}*,+@%".contains($0) }
            return plain ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }

    private static func invalid(_ message: String) -> BackendError {
        BackendError(
            backend: "command", operation: "read the command template", failure: .invalidConfiguration(message),
            isPermanent: true)
    }
}

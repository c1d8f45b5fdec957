import Foundation

/// The text model `--reviser` names: `command:'PROGRAM ARGS'` or `dashscope[:MODEL]`.
public enum ReviserChoice: Sendable, Equatable {
    case command(String)
    /// DashScope's Qwen: the model named, or the reviser's default when nil.
    case dashScope(model: String?)

    /// Reads the option's value.
    /// - Throws: `AnimaticError` `.usage` for anything else.
    public init(_ text: String) throws(AnimaticError) {
        if text.hasPrefix("command:") {
            let command = String(text.dropFirst("command:".count))
            guard !command.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw AnimaticError(.usage, "command: needs the program to run, such as command:'python3 revise.py'")
            }
            self = .command(command)
        } else if text == "dashscope" {
            self = .dashScope(model: nil)
        } else if text.hasPrefix("dashscope:"), text.count > "dashscope:".count {
            self = .dashScope(model: String(text.dropFirst("dashscope:".count)))
        } else {
            throw AnimaticError(.usage, "'\(text)' is neither command:'PROGRAM ARGS' nor dashscope[:MODEL]")
        }
    }
}

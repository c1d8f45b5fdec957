import Foundation
import Generation

extension ReviserChoice {
    /// The reviser; DashScope's at `baseURL` (the international endpoint when nil).
    /// - Throws: `AnimaticError` `.usage` when the command cannot be split into words.
    public func make(baseURL: URL?) throws(AnimaticError) -> any PromptReviser {
        switch self {
        case .command(let command):
            do { return try CommandReviser(command: command) } catch { throw AnimaticError(.usage, "--reviser: \(error)") }
        case .dashScope(let model):
            return DashScopeReviser(baseURL: baseURL ?? DashScopeGenerator.defaultBaseURL, model: model ?? DashScopeReviser.defaultModel)
        }
    }
}

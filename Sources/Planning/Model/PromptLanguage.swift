/// The language prompts are written in. Both English and Chinese are read natively by the
/// text-to-video models animatic feeds.
public enum PromptLanguage: String, CaseIterable, Hashable, Sendable, Codable {
    case english = "en"
    case chinese = "zh"
}

/// The prompt language the user asks for: one of the two, or whatever the script is written in.
public enum PromptLanguageChoice: String, CaseIterable, Hashable, Sendable, Codable {
    case english = "en"
    case chinese = "zh"
    case auto
}

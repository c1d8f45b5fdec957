import Screenplay

/// One entry of the character bible: a character's look from their introduction in the
/// action (`ANNA (30s, wiry, red coat)`, `BRICK BRADDOCK, retired police detective,`),
/// repeated in every prompt where the character appears.
public struct CharacterProfile: Hashable, Sendable, Codable {
    /// The canonical cue name, e.g. `BRICK`.
    public var name: String
    /// The name as prompts print it, e.g. `Brick`.
    public var displayName: String
    /// The description from the introduction, if the script gives one.
    public var description: String?
    /// Where the character is introduced, if found in the action.
    public var introduction: SourceRange?

    public init(name: String, displayName: String, description: String?, introduction: SourceRange?) {
        self.name = name
        self.displayName = displayName
        self.description = description
        self.introduction = introduction
    }
}

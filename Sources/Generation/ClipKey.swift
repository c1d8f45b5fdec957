import Planning

/// The name of an entry in the clip cache: the SHA-256 (hex) of what makes it
/// (`ClipCache.key`, `rawKey`, `conformedKey`; a failure card's `StoryboardRenderer.key`).
public struct ClipKey: StringIdentifier {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

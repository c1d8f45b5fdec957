/// A character's voice as the project file chooses it (`voices: {ANNA: {pitch: 65}}`): each
/// field given replaces the voice the script's cast would give; each left out keeps it.
public struct VoiceChoice: Hashable, Sendable, Codable {
    /// The eSpeak language voice (`en`, `en-us`), with `variant`; nil keeps the cast's.
    public var language: String?
    /// The variant; only read when `language` is given (`en` alone means no variant).
    public var variant: String?
    public var pitch: Int?
    public var range: Int?
    public var rate: Int?

    public init(language: String? = nil, variant: String? = nil, pitch: Int? = nil, range: Int? = nil, rate: Int? = nil) {
        self.language = language
        self.variant = variant
        self.pitch = pitch
        self.range = range
        self.rate = rate
    }

    /// `voice` with the chosen fields in place of its own (values clamped as `Voice` clamps them).
    public func applied(to voice: Voice) -> Voice {
        Voice(
            language: language ?? voice.language, variant: language != nil ? variant : voice.variant,
            pitch: pitch ?? voice.pitch, range: range ?? voice.range, rate: rate ?? voice.rate, volume: voice.volume)
    }
}

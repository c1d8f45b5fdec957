/// How eSpeak NG says an utterance: which voice and variant, at what pitch, rate and level.
/// Part of every spoken line's cache key (with `SpeechEngine.version`), so that the same
/// voice and text always give the same samples.
public struct Voice: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The eSpeak language voice: `en-us`, `en-gb`, `cmn` (Mandarin).
    public var language: String
    /// The eSpeak variant (`m3`, `f2`, `whisper`), or nil for the voice's own.
    public var variant: String?
    /// Base pitch, 0–100 (50 is the voice's normal).
    public var pitch: Int
    /// Pitch range, 0–100 (0 monotone, 50 normal).
    public var range: Int
    /// Speaking rate in words a minute, 80–450.
    public var rate: Int
    /// Level, 0–200 (100 normal).
    public var volume: Int

    /// A voice as given; values are clamped to eSpeak's ranges.
    public init(language: String, variant: String? = nil, pitch: Int = 50, range: Int = 50, rate: Int = 175,
                volume: Int = 100) {
        self.language = language
        self.variant = variant
        self.pitch = min(max(pitch, 0), 100)
        self.range = min(max(range, 0), 100)
        self.rate = min(max(rate, 80), 450)
        self.volume = min(max(volume, 0), 200)
    }

    /// The name eSpeak selects it by: `en-us+m3`.
    public var espeakName: String { variant.map { "\(language)+\($0)" } ?? language }

    /// `en-us+m3 pitch 42 range 55 rate 168 volume 100`.
    public var description: String {
        "\(espeakName) pitch \(pitch) range \(range) rate \(rate) volume \(volume)"
    }

    /// The variants a name picks from: those in espeak-ng-data that set `flutter 0`, whose
    /// pitch does not wander with eSpeak's flutter phase (see `SpeechEngine`); the name's
    /// pitch (20…80) gives the high and low voices. Henrique and Hugo, flutter-free too,
    /// are left out: they share Diogo's formants, and their `tone` filter hides their
    /// pitch from the measurement `VoiceRegister` places voices by.
    public static let variants = ["Alex", "Andy", "Denis", "Diogo", "Lee", "Storm", "michel", "miguel", "shelby"]

    /// A voice for `name` that is the same on every machine and every build: the variant,
    /// pitch and rate come from a hash of the name (FNV-1a of its UTF-8, not Swift's seeded
    /// `hashValue`), in `language`.
    public static func derived(from name: String, language: String) -> Voice {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let variant = variants[Int(hash % UInt64(variants.count))]
        let pitch = 20 + Int((hash >> 16) % 61)  // 20…80
        let rate = 155 + Int((hash >> 32) % 31)  // 155…185 words a minute
        let range = 40 + Int((hash >> 48) % 31)  // 40…70
        return Voice(language: language, variant: variant, pitch: pitch, range: range, rate: rate)
    }
}

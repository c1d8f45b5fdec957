import Foundation
import Speech

/// What a build hears: scratch voices or none, whether they time the shots, the loudness
/// the mix is brought to, and voices chosen in the project file.
public struct SoundSettings: Sendable, Hashable {
    /// `--audio`.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// Every line spoken by eSpeak NG (or its recorded take), mixed into the video.
        case scratch
        /// A silent video, timed by the estimate, as before sound.
        case none
    }

    /// `--timing`.
    public enum Timing: String, Sendable, Hashable, CaseIterable {
        /// Each dialogue shot lasts at least its spoken audio plus a breath.
        case voice
        /// The words-a-minute estimate, whatever the voices say.
        case estimate
    }

    public var mode: Mode
    public var timing: Timing
    /// The integrated loudness the mix is normalised to, in LUFS (`--loudness`, -23 by
    /// EBU R128; -16 for the web).
    public var loudness: Double
    /// Voices chosen per character (canonical cue name): what each gives replaces the cast's.
    public var voices: [String: VoiceChoice]
    /// The project file's `music`, used when the script's title page names none.
    public var music: URL?

    public init(mode: Mode = .scratch, timing: Timing = .voice, loudness: Double = -23, voices: [String: VoiceChoice] = [:],
                music: URL? = nil) {
        self.mode = mode
        self.timing = timing
        self.loudness = loudness
        self.voices = voices
        self.music = music
    }
}

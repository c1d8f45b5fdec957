import Foundation
import Planning
import Speech

/// How a spoken line sounds: the speaker's voice, changed by the parenthetical it is said
/// under, in Mandarin for Chinese words, and coloured by where the voice comes from.
///
/// Colours (docs/sound.md): a voice-over (`V.O.`) is band-limited to 300–3400 Hz, like a
/// phone or radio, so that it reads as not in the room; an off-screen voice (`O.S.`,
/// `O.C.`) is distant: low-passed at 2.5 kHz, 6 dB down, with a short room echo.
struct LineVoice: Hashable, Sendable {
    /// Bumped when the mapping from a line to its voice, colour or level changes (3: each
    /// line normalised to the dialogue's loudness when it is made).
    static let version = 3

    var voice: Voice
    /// The libavfilter graph that colours it, or nil.
    var colour: String?

    /// Its loudness against plain speech in dB, kept when the line is normalised: the
    /// delivery's volume (eSpeak's amplitude is proportional to it: a whisper's 55 is 5 dB
    /// down, a shout's 170 is 4.6 dB up) and a distant voice's 6 dB.
    var level: Double {
        20 * log10(Double(max(voice.volume, 1)) / 100) + (colour == Self.distant ? -6 : 0)
    }

    static let phone = "highpass=f=300,highpass=f=300,lowpass=f=3400,lowpass=f=3400"
    static let distant = "lowpass=f=2500,aecho=0.8:0.5:40|90:0.3|0.2,volume=-6dB"

    /// The line said in its speaker's voice from `cast` (`Voicing.cast`).
    init(_ line: SpokenLine, cast: [String: Voice]) {
        var voice = cast[line.speaker] ?? Voice.derived(from: line.speaker, language: "en-us")
        if line.isChinese { voice.language = "cmn" }
        if let delivery = line.delivery { Self.apply(Delivery(delivery), to: &voice) }
        self.voice = voice
        colour = switch line.placement {
        case .onScreen: nil
        case .voiceOver: Self.phone
        case .offScreen: Self.distant
        }
    }

    /// How a parenthetical changes the voice.
    enum Delivery {
        case whisper, shout, sarcastic, quiet, fast, slow, crying, plain

        init(_ parenthetical: String) {
            let text = parenthetical.lowercased()
            func any(_ words: [String]) -> Bool { words.contains { text.contains($0) } }
            self = if any(["whisper", "低声", "耳语"]) { .whisper }
                else if any(["shout", "yell", "scream", "angr", "furious", "大喊", "喊"]) { .shout }
                else if any(["sarcas", "dry", "wry", "mock", "讽刺"]) { .sarcastic }
                else if any(["quiet", "soft", "gentl", "murmur", "轻声"]) { .quiet }
                else if any(["fast", "quick", "rapid", "hurr", "breathless", "急"]) { .fast }
                else if any(["slow", "drawl", "hesita", "慢"]) { .slow }
                else if any(["cry", "crying", "sob", "tear", "choked", "哭", "哽咽"]) { .crying }
                else { .plain }
        }
    }

    /// Level and rate by delivery: a whisper is much quieter, a little slower and flatter
    /// little slower; a shout louder, faster and higher; sarcasm slower with a wide range.
    private static func apply(_ delivery: Delivery, to voice: inout Voice) {
        let (rate, volume, pitch, range): (Int, Int, Int, Int) = switch delivery {
        case .whisper: (-15, -45, 0, -20)
        case .shout: (15, 70, 12, 15)
        case .sarcastic: (-20, 0, 0, 35)
        case .quiet: (-10, -30, -5, -10)
        case .fast: (40, 0, 0, 0)
        case .slow: (-35, 0, 0, 0)
        case .crying: (-25, -10, 10, 20)
        case .plain: (0, 0, 0, 0)
        }
        voice = Voice(language: voice.language, variant: voice.variant, pitch: voice.pitch + pitch,
                      range: voice.range + range, rate: voice.rate * (100 + rate) / 100, volume: voice.volume + volume)
    }
}

import Foundation

/// Where a voice sits, for telling two voices apart: its pitch on a semitone scale and its
/// timbre family (the variants that share formants sound alike at the same pitch).
///
/// eSpeak's `pitch` parameter scales the variant's own base pitch, so the same number
/// sounds higher in one variant than in another. The table holds each variant's median
/// fundamental at pitch 20, 50 and 80, measured by normalised autocorrelation (the first
/// lag within 90% of the best, median over voiced 40 ms windows) of two sentences of
/// English spoken by eSpeak NG 1.51 at 170 words a minute; between and beyond those points
/// the scale is interpolated in semitones. The cast tests check the result by ear's proxy:
/// the pitch of the voices they choose, measured again.
public enum VoiceRegister {
    struct Entry {
        var family: String
        /// Median fundamental in hertz at pitch 20, 50 and 80.
        var hertz: (Double, Double, Double)
    }

    static let table: [String: Entry] = [
        "Alex": Entry(family: "Alex", hertz: (71, 104, 153)),
        "Andy": Entry(family: "Andy", hertz: (71, 94, 134)),
        "Lee": Entry(family: "Andy", hertz: (70, 94, 134)),
        "Denis": Entry(family: "Denis", hertz: (82, 98, 134)),
        "Diogo": Entry(family: "Diogo", hertz: (81, 104, 140)),
        "michel": Entry(family: "Diogo", hertz: (79, 102, 140)),
        "miguel": Entry(family: "Diogo", hertz: (85, 108, 144)),
        "Storm": Entry(family: "Storm", hertz: (67, 83, 110)),
        "shelby": Entry(family: "shelby", hertz: (158, 182, 223)),
    ]
    /// A language's own voice (no variant) and variants not in the table.
    static let plain = Entry(family: "", hertz: (79, 101, 136))

    /// The voice's pitch in semitones above 100 Hz (negative below).
    public static func semitones(_ voice: Voice) -> Double {
        let entry = voice.variant.flatMap { table[$0] } ?? plain
        func scale(_ hertz: Double) -> Double { 12 * log2(hertz / 100) }
        let (low, middle, high) = (scale(entry.hertz.0), scale(entry.hertz.1), scale(entry.hertz.2))
        let pitch = Double(voice.pitch)
        return pitch <= 50 ? middle + (middle - low) * (pitch - 50) / 30 : middle + (high - middle) * (pitch - 50) / 30
    }

    /// The voice's timbre family: variants sharing formants share it; an unknown variant is its own.
    public static func family(_ voice: Voice) -> String {
        guard let variant = voice.variant else { return voice.language }
        return table[variant]?.family ?? variant
    }

    /// How far apart two voices sound: the pitch difference in semitones, plus 1.5 when
    /// their timbres differ (a different formant set is heard even at the same pitch).
    public static func distance(_ a: Voice, _ b: Voice) -> Double {
        distance((semitones(a), family(a)), (semitones(b), family(b)))
    }

    /// `distance` of two voices' registers as `semitones` and `family` give them, for a
    /// caller that compares one voice with many and works each register out once.
    static func distance(_ a: (semitones: Double, family: String), _ b: (semitones: Double, family: String)) -> Double {
        abs(a.semitones - b.semitones) + (a.family == b.family ? 0 : 1.5)
    }
}

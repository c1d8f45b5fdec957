/// A timeline frame rate as an exact rational: 24, 25, 24000/1001 (23.976), 30000/1001 (29.97).
///
/// Every duration in a plan is an integer number of frames at one of these rates; seconds
/// are converted once, here, with exact integer arithmetic.
public struct FrameRate: Hashable, Sendable, Codable, CustomStringConvertible {
    public var num: Int
    public var den: Int

    public init(num: Int, den: Int) {
        precondition(num > 0 && den > 0, "a frame rate is positive")
        self.num = num
        self.den = den
    }

    public static let film = FrameRate(num: 24, den: 1)
    public static let pal = FrameRate(num: 25, den: 1)
    public static let filmNTSC = FrameRate(num: 24000, den: 1001)
    public static let videoNTSC = FrameRate(num: 30000, den: 1001)

    /// The rates animatic builds at.
    public static let supported: [FrameRate] = [.film, .pal, .filmNTSC, .videoNTSC]

    /// Reads `24`, `25`, `23.976`, `29.97`, or a rational such as `24000/1001`.
    public init?(_ text: String) {
        switch text {
        case "24": self = .film
        case "25": self = .pal
        case "23.976", "23.98": self = .filmNTSC
        case "29.97": self = .videoNTSC
        default:
            let parts = text.split(separator: "/")
            guard parts.count == 2, let num = Int(parts[0]), let den = Int(parts[1]), num > 0, den > 0 else {
                return nil
            }
            self.init(num: num, den: den)
        }
    }

    /// Whether timecode at this rate is drop-frame (29.97).
    public var isDropFrame: Bool { self == .videoNTSC }

    /// The nominal whole frames a timecode second counts: 24 for 23.976, 30 for 29.97.
    public var timecodeBase: Int { (num + den - 1) / den }

    /// The nearest whole number of frames for a duration in milliseconds (halves round up).
    public func frames(milliseconds: Int) -> Int {
        let numerator = milliseconds * num
        let denominator = 1000 * den
        return (2 * numerator + denominator) / (2 * denominator)
    }

    /// The duration of `frames` frames in milliseconds, rounded to the nearest.
    public func milliseconds(frames: Int) -> Int {
        (2 * frames * 1000 * den + num) / (2 * num)
    }

    /// `24`, `25`, `23.976`, `29.97`, or `num/den`.
    public var description: String {
        switch self {
        case .film: "24"
        case .pal: "25"
        case .filmNTSC: "23.976"
        case .videoNTSC: "29.97"
        default: "\(num)/\(den)"
        }
    }

    /// Frame `frame` (counted from zero) as SMPTE timecode, `HH:MM:SS:FF`; drop-frame
    /// `HH:MM:SS;FF` at 29.97.
    public func timecode(frame: Int) -> String {
        let base = timecodeBase
        var count = max(frame, 0)
        if isDropFrame {
            let dropped = 2
            let perTenMinutes = base * 600 - dropped * 9
            let perMinute = base * 60 - dropped
            let tens = count / perTenMinutes
            let remainder = count % perTenMinutes
            count += dropped * 9 * tens
            if remainder > dropped { count += dropped * ((remainder - dropped) / perMinute) }
        }
        let frames = count % base
        let seconds = count / base % 60
        let minutes = count / (base * 60) % 60
        let hours = count / (base * 3600)
        return String(format2(hours)) + ":" + format2(minutes) + ":" + format2(seconds) + (isDropFrame ? ";" : ":") + format2(frames)
    }

    private func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

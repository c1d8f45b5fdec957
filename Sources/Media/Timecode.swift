/// A SMPTE timecode such as `01:00:00:00`, or `01:00:00;00` in drop-frame form (for
/// 30000/1001 and 60000/1001 frames per second).
public struct Timecode: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Hours, 0 and up.
    public var hours: Int
    /// Minutes, 0–59.
    public var minutes: Int
    /// Seconds, 0–59.
    public var seconds: Int
    /// Frames within the second, below the (rounded) frame rate.
    public var frames: Int
    /// Drop-frame counting; written with `;` before the frames.
    public var dropFrame: Bool

    /// A timecode from its fields.
    public init(hours: Int, minutes: Int, seconds: Int, frames: Int, dropFrame: Bool = false) {
        self.hours = hours
        self.minutes = minutes
        self.seconds = seconds
        self.frames = frames
        self.dropFrame = dropFrame
    }

    /// Parses `HH:MM:SS:FF`, or `HH:MM:SS;FF` (also `.` or `,` before the frames) for
    /// drop-frame. Whether the frame field fits a frame rate is checked where the
    /// timecode is used.
    public init(_ text: String) throws(MediaError) {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3 || fields.count == 4 else {
            throw .invalidArgument("timecode \"\(text)\" is not HH:MM:SS:FF or HH:MM:SS;FF")
        }
        var parts = fields.map(String.init)
        var drop = false
        if fields.count == 3 {
            // HH:MM:SS;FF — the last field holds seconds and frames.
            let last = parts.removeLast()
            guard let separator = last.firstIndex(where: { ";.,".contains($0) }) else {
                throw .invalidArgument("timecode \"\(text)\" is not HH:MM:SS:FF or HH:MM:SS;FF")
            }
            parts.append(String(last[..<separator]))
            parts.append(String(last[last.index(after: separator)...]))
            drop = true
        }
        let numbers = parts.compactMap { $0.allSatisfy(\.isASCII) ? Int($0) : nil }
        guard numbers.count == 4, numbers.allSatisfy({ $0 >= 0 }), numbers[1] < 60, numbers[2] < 60 else {
            throw .invalidArgument("timecode \"\(text)\" is not HH:MM:SS:FF or HH:MM:SS;FF")
        }
        self.init(hours: numbers[0], minutes: numbers[1], seconds: numbers[2], frames: numbers[3], dropFrame: drop)
    }

    /// `01:00:00:00`, or `01:00:00;00` for drop-frame.
    public var description: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(hours)):\(two(minutes)):\(two(seconds))\(dropFrame ? ";" : ":")\(two(frames))"
    }
}

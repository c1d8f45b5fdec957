import Planning

extension FrameRate {
    /// The frame number (counted from zero) a SMPTE timecode names at this rate: the
    /// inverse of `timecode(frame:)`. Reads `HH:MM:SS:FF`, and at 29.97 drop-frame
    /// `HH:MM:SS;FF` (either separator is accepted, counting is the rate's).
    ///
    /// Returns nil for text that is not a timecode, for a frame field at or past the
    /// timecode base, and at 29.97 for the frame numbers drop-frame skips (`00` and `01`
    /// of each minute except every tenth).
    public func frame(timecode text: String) -> Int? {
        let fields = text.split(omittingEmptySubsequences: false) { $0 == ":" || $0 == ";" }
        guard fields.count == 4 else { return nil }
        let numbers = fields.compactMap { field in field.allSatisfy(\.isASCII) && !field.isEmpty ? Int(field) : nil }
        guard numbers.count == 4, numbers.allSatisfy({ $0 >= 0 }) else { return nil }
        let (hours, minutes, seconds, frames) = (numbers[0], numbers[1], numbers[2], numbers[3])
        let base = timecodeBase
        guard minutes < 60, seconds < 60, frames < base else { return nil }
        let nominal = ((hours * 60 + minutes) * 60 + seconds) * base + frames
        guard isDropFrame else { return nominal }
        let totalMinutes = hours * 60 + minutes
        if seconds == 0 && frames < 2 && minutes % 10 != 0 { return nil }
        return nominal - 2 * (totalMinutes - totalMinutes / 10)
    }

    /// The conventional record start of a programme, 01:00:00:00 (01:00:00;00 at 29.97),
    /// as a frame number at this rate.
    public var programmeStart: Int { timecodeBase * 3600 - (isDropFrame ? 108 : 0) }
}

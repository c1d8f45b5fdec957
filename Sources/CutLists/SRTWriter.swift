import Planning

/// The dialogue as SubRip subtitles for the video: one cue per segment that has a line,
/// from its first frame to its last, on the video's frame grid (times from zero).
public enum SRTWriter {
    /// The SRT text (CRLF-free, UTF-8); empty when no one speaks.
    public static func render(_ timeline: Timeline) -> String {
        var cues: [String] = []
        for clip in timeline.clips {
            guard let dialogue = clip.segment.card.dialogue, !dialogue.isEmpty else { continue }
            let speaker = clip.segment.card.speaker.map { $0 + ": " } ?? ""
            cues.append("\(cues.count + 1)\n\(time(clip.recordIn, timeline.frameRate)) --> "
                + "\(time(clip.recordOut, timeline.frameRate))\n\(speaker)\(dialogue)\n")
        }
        return cues.joined(separator: "\n")
    }

    /// `HH:MM:SS,mmm` of a frame's start, rounded down to the millisecond so that the cue
    /// is on from that frame and off by the next cue's.
    static func time(_ frame: Int, _ rate: FrameRate) -> String {
        let milliseconds = frame * rate.den * 1000 / rate.num
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = milliseconds % 1000
        return two(milliseconds / 3_600_000) + ":" + two(milliseconds / 60_000 % 60) + ":" + two(milliseconds / 1000 % 60)
            + "," + (millis < 100 ? "0" : "") + (millis < 10 ? "0" : "") + String(millis)
    }
}

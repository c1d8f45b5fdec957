import Foundation
import Planning

/// The shot list a 1st AD or an editor works from: RFC 4180 CSV (CRLF, quoted where
/// needed), one row per segment with its record timecode.
public enum CSVShotList {
    /// The column names, in order.
    public static let header = ["Scene", "Shot", "Segment", "Record In", "Record Out", "Frames", "Size", "Move",
                                "Characters", "Prompt"]

    /// The CSV text, header first.
    public static func render(_ timeline: Timeline) -> String {
        var rows = [header]
        for clip in timeline.clips {
            let shot = clip.shot
            rows.append([
                shot.scene, shot.id.rawValue, clip.name.rawValue, timeline.recordTimecode(clip.recordIn), timeline.recordTimecode(clip.recordOut),
                String(clip.frames), shot.size.abbreviation, shot.move.english(shot.direction),
                shot.characters.map(timeline.displayName).joined(separator: "; "), clip.segment.prompt,
            ])
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A field, quoted (with quotes doubled) when it holds a comma, quote or line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

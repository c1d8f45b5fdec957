import Foundation
import Planning

/// Reads an edited CMX 3600 EDL (as Resolve, Premiere, Avid and OpenTimelineIO write it):
/// its video events in order — a cut's one line, a dissolve's second (incoming) line — with
/// the clip name (`* FROM CLIP NAME:`, `* TO CLIP NAME:` for a dissolve's incoming clip), the
/// media path (`* FROM FILE:`, `* FROM CLIP:`, `* SOURCE FILE:`) and `* LOC:` markers, which
/// belong to the event they follow. Record timecode is counted from the first event's. A
/// dissolve to black (`BL`) lengthens the clip it fades out.
enum EDLCutReader {
    static func read(_ data: Data, rate: FrameRate) throws(EditedCutError) -> EditedCut {
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw EditedCutError("not an EDL: not text")
        }
        var events: [Event] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("*") {
                events.indices.last.map { events[$0].comments.append(String(line.dropFirst()).trimmingCharacters(in: .whitespaces)) }
                continue
            }
            guard let first = line.first, first.isNumber else { continue }
            guard let edit = EditLine(line, rate: rate) else {
                throw EditedCutError("not an EDL: line \(index + 1) is no event with four timecodes: \(line.prefix(80))")
            }
            if let last = events.last, last.number == edit.number { events[events.count - 1].lines.append(edit) } else {
                events.append(Event(number: edit.number, lines: [edit]))
            }
        }
        let video = events.filter { $0.lines.last?.isVideo == true }
        guard let origin = video.first?.lines.first?.recordIn else { throw EditedCutError("the EDL has no video events") }
        var clips: [EditedCut.Clip] = []
        for event in video {
            guard let edit = event.lines.last else { continue }
            let (recordIn, recordOut) = (edit.recordIn - origin, edit.recordOut - origin)
            let markers = event.value(of: ["LOC"]).map { EditedCut.Marker(name: locText($0), comment: "") }
            if ["BL", "BLACK"].contains(edit.reel.uppercased()) {
                if let last = clips.indices.last {
                    if event.lines.count > 1, clips[last].recordOut == recordIn { clips[last].recordOut = recordOut }
                    clips[last].markers += markers
                }
                continue
            }
            guard recordOut > recordIn else { continue }
            let name = (event.lines.count > 1 ? event.value(of: ["TO CLIP NAME"]).last : nil)
                ?? event.value(of: ["FROM CLIP NAME"]).last ?? edit.reel
            let path = event.value(of: ["FROM FILE", "FROM CLIP", "SOURCE FILE"]).last
            clips.append(EditedCut.Clip(name: name, reel: edit.reel, sourceFile: path.map(localPath),
                                        recordIn: recordIn, recordOut: recordOut, markers: markers))
        }
        return EditedCut(clips: clips)
    }

    /// `01:00:04:00 RED     Scene 2 INT. BAR` → `Scene 2 INT. BAR`: a LOC's text after its
    /// timecode and colour (either may be missing).
    private static func locText(_ text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if let first = words.first, first.filter({ $0 == ":" || $0 == ";" }).count == 3 { words.removeFirst() }
        let colours: Set<String> = ["RED", "GREEN", "BLUE", "CYAN", "MAGENTA", "YELLOW", "BLACK", "WHITE", "PINK", "ORANGE",
                                    "PURPLE", "FUCHSIA", "ROSE", "LAVENDER", "SKY", "MINT", "LEMON", "SAND", "COCOA", "CREAM"]
        if let first = words.first, colours.contains(first.uppercased()) {
            words.removeFirst()
        }
        return words.joined(separator: " ")
    }

    private struct Event {
        var number: String
        var lines: [EditLine]
        var comments: [String] = []

        /// The text after `KEY:` of each comment with one of `keys`, in order.
        func value(of keys: [String]) -> [String] {
            comments.compactMap { comment in
                for key in keys where comment.uppercased().hasPrefix(key + ":") {
                    return comment.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
                }
                return nil
            }
        }
    }

    /// `004  2A1      V     C        00:00:00:00 00:00:04:22 01:00:12:20 01:00:17:18`, or a
    /// transition's `D 024` / `W001 024`.
    private struct EditLine {
        var number: String
        var reel: String
        var isVideo: Bool
        var recordIn: Int
        var recordOut: Int

        init?(_ line: String, rate: FrameRate) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard fields.count >= 8 else { return nil }
            let times = fields.suffix(4).compactMap { rate.frame(timecode: $0) }
            guard times.count == 4 else { return nil }
            number = fields[0]
            reel = fields[1]
            isVideo = fields[2].uppercased().contains("V")
            recordIn = times[2]
            recordOut = times[3]
        }
    }
}

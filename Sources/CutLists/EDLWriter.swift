import Foundation
import Planning

/// A CMX 3600 EDL of the timeline: one event per segment (two lines for a dissolve or a
/// fade), fixed columns, `* FROM CLIP NAME:` on every event and scene markers as `* LOC:`.
/// With sound, each segment's audio follows its picture as a cut on A1 and A2 (`AA`).
public enum EDLWriter {
    /// The EDL text: `TITLE:`, `FCM:`, a blank line, then the events. No byte-order mark
    /// and no note before event 001. Drop-frame timecode (`;`) at 29.97.
    public static func render(_ timeline: Timeline, flavor: EDLFlavor = .resolve) -> String {
        var events = EventList(timeline: timeline, flavor: flavor)
        for (index, clip) in timeline.clips.enumerated() {
            let previous = index > 0 ? timeline.clips[index - 1] : nil
            events.add(clip, after: previous, markers: timeline.markers.filter { $0.frame == clip.recordIn })
        }
        let title = timeline.title.uppercased().map { $0.isNewline ? " " : $0 }
        return "TITLE: \(String(title.prefix(70)))\n"
            + "FCM: \(timeline.frameRate.isDropFrame ? "DROP FRAME" : "NON-DROP FRAME")\n\n"
            + events.lines.joined(separator: "\n") + "\n"
    }
}

/// Numbered events as they are written.
private struct EventList {
    let timeline: Timeline
    let flavor: EDLFlavor
    var lines: [String] = []
    var number = 0

    init(timeline: Timeline, flavor: EDLFlavor) {
        self.timeline = timeline
        self.flavor = flavor
    }

    /// The clip's events: a cut, or a dissolve/fade in from the clip before or from black;
    /// then, for a fade out, a dissolve to black over its last frames. A fade in on the
    /// first frame is written as a cut: OpenTimelineIO refuses a transition at the very
    /// beginning of a track.
    mutating func add(_ clip: TimelineClip, after previous: TimelineClip?, markers: [TimelineMarker]) {
        let reel = flavor.reel(clip)
        let fade = clip.fadeOut ?? 0
        let body = (sourceIn: clip.sourceIn, sourceOut: clip.sourceOut - fade, recordIn: clip.recordIn, recordOut: clip.recordOut - fade)
        number += 1
        if let transition = clip.transitionIn, clip.recordIn > 0 || transition.kind != .fadeFromBlack {
            let outgoing = transition.kind == .dissolve ? previous : nil
            let outgoingEnd = outgoing?.sourceOut ?? 0
            line(outgoing.map(flavor.reel) ?? "BL", "C", outgoingEnd, outgoingEnd, clip.recordIn, clip.recordIn)
            line(reel, dissolve(transition.frames), body.sourceIn, body.sourceOut, body.recordIn, body.recordOut)
            names(from: outgoing?.media.lastPathComponent ?? "BLACK", to: clip.media.lastPathComponent, media: clip.media)
        } else {
            line(reel, "C", body.sourceIn, body.sourceOut, body.recordIn, body.recordOut)
            names(from: clip.media.lastPathComponent, to: nil, media: clip.media)
        }
        for marker in markers {
            lines.append("* LOC: \(timeline.recordTimecode(marker.frame)) RED     \(marker.name) \(oneLine(marker.comment))")
        }
        if fade > 0 {
            number += 1
            line(reel, "C", body.sourceOut, body.sourceOut, body.recordOut, body.recordOut)
            line("BL", dissolve(fade), 0, fade, body.recordOut, clip.recordOut)
            names(from: clip.media.lastPathComponent, to: "BLACK", media: nil)
        }
        if let audio = clip.audioMedia {
            number += 1
            line(reel, "C", clip.sourceIn, clip.sourceOut, clip.recordIn, clip.recordOut, channels: "AA")
            names(from: audio.lastPathComponent, to: nil, media: audio)
        }
    }

    /// `D 024`: a dissolve of so many frames.
    private func dissolve(_ frames: Int) -> String {
        let digits = String(frames)
        return "D " + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// `001  12A1     V     C        00:00:00:00 00:00:03:00 01:00:00:00 01:00:03:00`
    private mutating func line(_ reel: String, _ transition: String, _ sourceIn: Int, _ sourceOut: Int,
                               _ recordIn: Int, _ recordOut: Int, channels: String = "V") {
        let rate = timeline.frameRate
        let event = String(number)
        lines.append(String(repeating: "0", count: max(0, 3 - event.count)) + event + "  " + padded(reel, 8) + " "
            + padded(channels, 5) + " " + padded(transition, 8) + " " + rate.timecode(frame: sourceIn) + " "
            + rate.timecode(frame: sourceOut) + " " + timeline.recordTimecode(recordIn) + " " + timeline.recordTimecode(recordOut))
    }

    /// The clip-name and media comments of an event: the outgoing clip (or black) as
    /// `FROM CLIP NAME`, a transition's incoming one as `TO CLIP NAME`, and the path of the
    /// media the event's source timecode reads (the incoming clip's, for a transition).
    private mutating func names(from outgoing: String, to incoming: String?, media: URL?) {
        lines.append("* FROM CLIP NAME: \(outgoing)")
        if let incoming { lines.append("* TO CLIP NAME: \(incoming)") }
        if let comment = flavor.pathComment, let media { lines.append("* \(comment): \(media.path)") }
    }

    private func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}

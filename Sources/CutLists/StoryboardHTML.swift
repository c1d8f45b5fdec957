import Planning

/// A self-contained HTML storyboard a director skims before watching: per scene, a card per
/// shot with its thumbnail (when given), ID, record timecode, duration, camera, action,
/// dialogue and the prompt of each segment; a shot with takes lists them (linked to their
/// clips in the media folder) and which is in the video, and a reviewed shot its status and
/// notes — read-only: the served page (`animatic review FILE`) edits them. Styles inline,
/// no scripts, no remote resources.
public enum StoryboardHTML {
    /// The page. `thumbnails` maps shot IDs to image URLs: `data:` URIs of the frame grabs the
    /// build makes (so the page stands alone), or paths relative to the page; shots without
    /// one show their camera term in the frame instead. `qcNotes` puts quality control's
    /// verdict under each segment's prompt and its ranking of a shot's takes under the shot,
    /// read-only. A shot with a segment in `drafts` (made as a draft in a `--quality` build) is
    /// marked `draft`, and so is that segment. `reviews` adds the review file's status and notes.
    public static func render(
        _ timeline: Timeline, thumbnails: [ShotID: String] = [:], qcNotes: QCNotes = QCNotes(),
        drafts: Set<SegmentID> = [], reviews: [ShotID: ShotReviewMarks] = [:]
    ) -> String {
        let shots = timeline.clipsByShot
        let reviewed = !reviews.isEmpty || shots.contains { $0[0].shot.takes > 1 }
        var html = [
            "<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
            "<title>\(escaped(timeline.title)) — storyboard</title>",
            "<style>\(style)\(qcNotes.isEmpty ? "" : qcStyle)\(drafts.isEmpty ? "" : draftStyle)\(reviewed ? reviewStyle : "")</style>",
            "</head>", "<body>",
            "<h1>\(escaped(timeline.title))</h1>",
            "<p class=\"summary\">\(shots.count) shots · \(timeline.clips.count) segments · running time "
                + "\(timeline.frameRate.timecode(frame: timeline.totalFrames)) at \(timeline.frameRate) fps</p>",
        ]
        var scene: String?
        for shotClips in shots {
            let first = shotClips[0]
            let shot = first.shot
            if shot.scene != scene {
                if scene != nil { html.append("</section>") }
                scene = shot.scene
                let heading = timeline.markers.first { $0.scene == shot.scene }?.comment ?? ""
                html.append("<section>")
                html.append("<h2>Scene \(escaped(shot.scene))\(heading.isEmpty ? "" : " · " + escaped(heading))</h2>")
            }
            html.append(card(
                shotClips, timeline: timeline, thumbnail: thumbnails[shot.id], qcNotes: qcNotes, drafts: drafts,
                review: reviews[shot.id]))
        }
        if scene != nil { html.append("</section>") }
        html += ["</body>", "</html>"]
        return html.joined(separator: "\n") + "\n"
    }

    private static func card(
        _ clips: [TimelineClip], timeline: Timeline, thumbnail: String?, qcNotes: QCNotes, drafts: Set<SegmentID>,
        review: ShotReviewMarks?
    ) -> String {
        let shot = clips[0].shot
        let card = clips[0].segment.card
        let frames = clips.reduce(0) { $0 + $1.frames }
        var parts = ["<article class=\"shot\" id=\"shot-\(escaped(shot.id.rawValue))\">"]
        if let thumbnail {
            parts.append("<img src=\"\(escaped(thumbnail))\" alt=\"Shot \(escaped(shot.id.rawValue))\">")
        } else {
            parts.append("<div class=\"frame\">\(escaped(card.cameraTerm))</div>")
        }
        let draft = clips.contains { drafts.contains($0.name) }
        parts.append("<h3>\(escaped(shot.id.rawValue))\(draft ? " <em class=\"draft\">draft</em>" : "") <span>\(timeline.recordTimecode(clips[0].recordIn)) – "
            + "\(timeline.recordTimecode(clips[clips.count - 1].recordOut)) · \(seconds(frames, timeline.frameRate)) s "
            + "(\(frames) fr)</span></h3>")
        parts.append("<p class=\"camera\">\(escaped(card.cameraTerm))</p>")
        if shot.takes > 1 { parts.append(takes(clips[0])) }
        if let status = review?.status {
            parts.append("<p class=\"status \(escaped(status))\">\(status == "approved" ? "Approved" : "Needs work")</p>")
        }
        let action = clips.compactMap(\.segment.card.action).first ?? (shot.speaker == nil ? shot.text : nil)
        if let action, !action.isEmpty { parts.append("<p class=\"action\">\(escaped(action))</p>") }
        let lines = clips.compactMap(\.segment.card.dialogue).filter { !$0.isEmpty }
        if !lines.isEmpty {
            let speaker = card.speaker ?? shot.speaker.map(timeline.displayName) ?? ""
            parts.append("<p class=\"dialogue\"><b>\(escaped(speaker))</b> \(escaped(lines.joined(separator: " ")))</p>")
        }
        for clip in clips {
            parts.append("<p class=\"prompt\"><code>\(escaped(clip.name.rawValue))</code>"
                + (drafts.contains(clip.name) ? " <em class=\"draft\">draft</em>" : "") + " \(escaped(clip.segment.prompt))</p>")
            if let note = qcNotes.segments[clip.name] { parts.append(paragraph(note)) }
        }
        if let note = qcNotes.takes[shot.id] { parts.append(paragraph(note)) }
        if let notes = review?.notes, !notes.isEmpty {
            parts.append("<ol class=\"notes\">" + notes.map { note in
                let marks = [note.by, note.at, note.applied ? "applied" : nil].compactMap { $0 }
                return "<li>\(escaped(note.text))" + (marks.isEmpty ? "" : " <span>— \(escaped(marks.joined(separator: " · ")))</span>")
                    + "</li>"
            }.joined() + "</ol>")
        }
        parts.append("</article>")
        return parts.joined(separator: "\n")
    }

    /// `Takes: 1 · 2 (in the video) · 3`, each linked to its first segment's clip in the
    /// media folder, beside the page.
    private static func takes(_ first: TimelineClip) -> String {
        let shot = first.shot
        let inVideo = shot.takeOnTimeline
        let folder = first.media.deletingLastPathComponent().lastPathComponent
        let firsts = [(inVideo, first.segment.id)] + (shot.otherTakes ?? []).compactMap { take in
            take.segments.first.map { (take.number, $0.id) }
        }
        let links = firsts.sorted { $0.0 < $1.0 }.map { number, segment in
            let link = "<a href=\"\(escaped(folder + "/" + PortableFileName.clip(segment)))\">\(number)</a>"
            return number == inVideo ? "<b>\(link) (in the video\(shot.picked == nil ? "" : ", picked"))</b>" : link
        }
        return "<p class=\"takes\">Takes: " + links.joined(separator: " · ") + "</p>"
    }

    /// A quality-control note: green when the clip (or take) in use passes, red when not.
    private static func paragraph(_ note: QCNote) -> String {
        "<p class=\"qc \(note.passed ? "pass" : "fail")\">QC \(escaped(note.text))</p>"
    }

    /// Seconds to a tenth.
    private static func seconds(_ frames: Int, _ rate: FrameRate) -> String {
        let tenths = (frames * rate.den * 20 + rate.num) / (2 * rate.num)
        return "\(tenths / 10).\(tenths % 10)"
    }

    private static func escaped(_ text: String) -> String { XMLText.escaped(text) }

    /// Added only to a page with QC verdicts, so a page without any is as it was.
    private static let qcStyle = ".qc{font-size:.8em}.qc.pass{color:#2a7}.qc.fail{color:#c33}"

    /// Added only to a page with drafts on it.
    private static let draftStyle = ".draft{font-style:normal;font-size:.7em;font-weight:bold;color:#fff;background:#d80;"
        + "border-radius:3px;padding:0 .4em;text-transform:uppercase}"

    /// Added only to a page with takes or a review, so a page without either is as it was.
    private static let reviewStyle = ".takes{font-size:.85em}.status{font-weight:bold;margin:.2em 0}"
        + ".status.approved{color:#2a7}.status.needs-work{color:#c60}.notes{font-size:.85em;padding-left:1.3em}"
        + ".notes span{color:#777}"

    private static let style = """
        body{font:15px/1.4 -apple-system,Helvetica,Arial,sans-serif;margin:2em;color:#222}\
        h2{border-bottom:1px solid #ccc;margin-top:2em}\
        section{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:1.2em}\
        section>h2{grid-column:1/-1}\
        .shot{border:1px solid #ddd;border-radius:6px;padding:.8em;break-inside:avoid}\
        .shot img,.frame{width:100%;aspect-ratio:16/9;object-fit:cover;background:#eee;display:flex;\
        align-items:center;justify-content:center;color:#777}\
        h3{margin:.5em 0 .2em}h3 span{font-weight:normal;color:#666;font-size:.8em}\
        .camera{color:#555;margin:.2em 0}.dialogue b{text-transform:uppercase}\
        .prompt{font-size:.8em;color:#666}.summary{color:#666}
        """
}

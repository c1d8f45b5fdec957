import CutLists
import Foundation
import Generation
import Planning

/// The cut lists beside the video — `film.edl`, `film.xml`, `film.fcpxml`, `film.otio`,
/// `film.srt`, `film.csv`, `film.storyboard.html`, the contact sheet `film.contact.png` —
/// are written from the same timeline in integer frames as the video, naming the
/// per-segment clips in `film.media/` (the cut list steps, `CutListJobs`). The storyboard
/// page embeds each shot's thumbnail, and the sheet is drawn from them (`Thumbnails`).
enum CutListExport {
    /// The timeline every cut list is written from; `withAudio`, each clip carries its
    /// segment's WAV as audio.
    static func timeline(_ plan: Plan, settings: BuildSettings, withAudio: Bool = false) -> Timeline {
        Timeline(
            plan: plan, media: .beside(video: settings.output),
            title: settings.output.deletingPathExtension().lastPathComponent,
            width: settings.size.width, height: settings.size.height, audio: withAudio)
    }

    /// The timeline's segments made as drafts in a `--quality` build (the storyboard marks them).
    static func drafts(_ timeline: Timeline, settings: BuildSettings) -> Set<SegmentID> {
        guard let quality = settings.quality else { return [] }
        return Set(timeline.clips.map(\.name).filter { quality.quality(of: $0) == .draft })
    }

    /// Whether the formats `settings` names show thumbnails (the storyboard page, the sheet).
    static func needsThumbnails(_ settings: BuildSettings) -> Bool {
        settings.cutLists.contains(.html) || settings.cutLists.contains(.sheet)
    }
}

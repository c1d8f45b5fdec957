import CutLists
import Foundation
import Planning

/// Writes the cut lists beside the video — `film.edl`, `film.xml`, `film.fcpxml`,
/// `film.otio`, `film.srt`, `film.csv`, `film.storyboard.html` — from the same timeline in
/// integer frames as the video, each atomically, naming the per-segment clips in `film.media/`.
enum CutListExport {
    /// The files written, in `formats` order.
    static func write(_ plan: Plan, settings: BuildSettings) throws(AnimaticError) -> [URL] {
        let timeline = Timeline(
            plan: plan, media: .beside(video: settings.output),
            title: settings.output.deletingPathExtension().lastPathComponent,
            width: settings.size.width, height: settings.size.height)
        var written: [URL] = []
        for format in settings.cutLists {
            let url = settings.output.deletingPathExtension().appendingPathExtension(format.fileExtension)
            let text = format.render(timeline, edlFlavor: settings.edlFlavor)
            try AtomicFile.write(Data(text.utf8), to: url)
            written.append(url)
        }
        return written
    }
}

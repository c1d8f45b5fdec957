import CutLists
import Foundation
import Generation
import Planning

/// Writes the cut lists beside the video — `film.edl`, `film.xml`, `film.fcpxml`,
/// `film.otio`, `film.srt`, `film.csv`, `film.storyboard.html`, the contact sheet
/// `film.contact.png` — from the same timeline in integer frames as the video, each
/// atomically (and not at all when it already holds those bytes), naming the per-segment clips in `film.media/`. The storyboard page embeds
/// each shot's thumbnail, and the sheet is drawn from them (`Thumbnails`).
enum CutListExport {
    /// What `write` did: the files, in `formats` order, and the thumbnails and contact
    /// sheet pages it made now rather than found in the cache.
    struct Written {
        var files: [URL] = []
        var thumbnailsGrabbed = 0
        var pagesDrawn = 0
    }

    /// The timeline every cut list is written from; `withAudio`, each clip carries its
    /// segment's WAV as audio.
    static func timeline(_ plan: Plan, settings: BuildSettings, withAudio: Bool = false) -> Timeline {
        Timeline(
            plan: plan, media: .beside(video: settings.output),
            title: settings.output.deletingPathExtension().lastPathComponent,
            width: settings.size.width, height: settings.size.height, audio: withAudio)
    }

    /// The timeline's segments made as drafts in a `--quality` build (the storyboard marks them).
    static func drafts(_ timeline: Timeline, settings: BuildSettings) -> Set<String> {
        guard let quality = settings.quality else { return [] }
        return Set(timeline.clips.map(\.name).filter { quality.quality(of: $0) == .draft })
    }

    /// Whether the formats `settings` names show thumbnails (the storyboard page, the sheet).
    static func needsThumbnails(_ settings: BuildSettings) -> Bool {
        settings.cutLists.contains(.html) || settings.cutLists.contains(.sheet)
    }

    /// Writes the formats `settings` names; `keys` gives each segment's cache key by segment
    /// ID, `qcNotes` quality control's verdicts and take rankings for the storyboard page;
    /// `clipsVerified` says whether the build has checked every clip's digest already;
    /// `withAudio`, each clip carries its segment's WAV.
    ///
    /// `inputs` is the build's inputs digest: when the cut lists recorded last time
    /// (`CutListRecord`) were made from the same, no clip changed since (`clipsVerified` is
    /// false: the video is up to date) and every file is as written, nothing is made again.
    static func write(
        _ plan: Plan, settings: BuildSettings, inputs: String, keys: [String: String], qcNotes: QCNotes = QCNotes(),
        cache: ClipCache, clipsVerified: Bool, withAudio: Bool = false
    ) async throws -> Written {
        let digest = CutListRecord.digest(
            inputs: inputs, settings: settings, keys: keys, qcNotes: qcNotes, withAudio: withAudio)
        let recordURL = CutListRecord.url(for: settings.output, in: cache)
        if !clipsVerified, let record = CutListRecord(reading: recordURL), record.digest == digest, record.filesAreCurrent {
            return Written(files: record.files.map { URL(fileURLWithPath: $0.path) })
        }
        let written = try await make(
            plan, settings: settings, keys: keys, qcNotes: qcNotes, cache: cache, clipsVerified: clipsVerified,
            withAudio: withAudio)
        if let record = CutListRecord(digest: digest, files: written.files) {
            try FileManager.default.createDirectory(at: recordURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.update(Data(record.text.utf8), at: recordURL)
        }
        return written
    }

    /// Makes the formats `settings` names, each file rewritten only when its bytes change.
    private static func make(
        _ plan: Plan, settings: BuildSettings, keys: [String: String], qcNotes: QCNotes, cache: ClipCache,
        clipsVerified: Bool, withAudio: Bool
    ) async throws -> Written {
        let timeline = timeline(plan, settings: settings, withAudio: withAudio)
        let frames = needsThumbnails(settings) ? timeline.shotFrames : []
        let thumbnails = try await Thumbnails.load(
            frames, keys: keys, cache: cache, video: settings.size, jobs: settings.jobs, clipsVerified: clipsVerified)
        var written = Written(thumbnailsGrabbed: thumbnails.grabbed)
        for format in settings.cutLists {
            let sources = format == .html ? thumbnails.jpegs.mapValues { "data:image/jpeg;base64," + $0.base64EncodedString() } : [:]
            guard let text = format.render(
                timeline, edlFlavor: settings.edlFlavor, thumbnails: sources, qcNotes: qcNotes,
                drafts: drafts(timeline, settings: settings), reviews: settings.reviewMarks)
            else {
                // The one format that is not text: the contact sheet.
                let sheet = try await ContactSheetExport.write(
                    frames, thumbnails: thumbnails, size: Thumbnails.size(for: settings.size), video: settings.output,
                    cache: cache)
                written.files += sheet.files
                written.pagesDrawn += sheet.drawn
                continue
            }
            let url = settings.cutListURL(format)
            try AtomicFile.update(Data(text.utf8), at: url)
            written.files.append(url)
        }
        return written
    }
}

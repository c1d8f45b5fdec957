import Foundation
import Generation

extension Builder {
    /// The media step: `film.media/` with a copy of every clip the video uses, every take
    /// beside it but one that failed (under `--keep-going`), and with sound each segment's WAV.
    func mediaStep(_ run: BuildRun) throws -> URL? {
        let placement = run.placement, cache = run.context.cache
        let failures = run.update { $0.outcome.failures }
        let takes = placement.buildPlan.takeItems.filter { failures[$0.segmentID] == nil }
        let items = placement.buildPlan.items
        let soundtrack = run.soundtrack(self)
        try MediaExport.export(
            clips: (items + takes).map { ($0.segmentID, cache.url(for: run.usedKey($0))) },
            to: settings.mediaDirectory,
            audio: soundtrack.map { track in
                (track, items.map { item in
                    let start = Soundtrack.samples(item.startFrame, placement.plan)
                    return (item.segmentID, start..<Soundtrack.samples(item.startFrame + item.frames, placement.plan))
                })
            },
            manifest: MediaExport.manifest(for: settings.mediaDirectory, cache: cache.directory))
        return nil
    }

    /// The report step, last: says what the cut list steps wrote, then writes the report
    /// (unless it already holds these bytes) and keeps it for the build's answer.
    func reportStep(_ run: BuildRun) throws -> URL? {
        let (files, thumbnails, pages, started) = run.update { state in
            (settings.cutLists.flatMap { state.cutListFiles[$0] ?? [] }, state.thumbnailsGrabbed, state.pagesDrawn,
             state.cutListsStarted)
        }
        if !files.isEmpty {
            events(.cutListsWritten(
                files: files, thumbnails: thumbnails, pages: pages,
                seconds: Date().timeIntervalSince(started ?? Date())))
        }
        let report = makeReport(run)
        try AtomicFile.update(try encode(report), at: settings.reportURL)
        run.update { $0.report = report }
        return nil
    }

    /// The report of `run` as far as it has come: every segment's outcome, the failure
    /// cards standing in, and the video's record.
    func makeReport(_ run: BuildRun) -> BuildReport {
        let context = run.context
        let state = run.update { $0 }
        var report = makeReport(
            state.placement.buildPlan, plan: state.placement.plan, scriptPath: context.scriptPath, outcome: state.outcome,
            digest: context.digest)
        for index in report.segments.indices { report.segments[index].failureCard = state.cards[report.segments[index].id] }
        report.video = state.video
        report.videoWritten = state.videoWritten
        return report
    }
}

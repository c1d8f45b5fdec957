import Foundation
import Media

extension Builder {
    /// The join step: says which failure cards stand in and stops the report vouching for
    /// the old outputs (a stop from here until the report is written last makes the next
    /// build redo them). The clips it settles are joined by the tracks step, in the same
    /// pass as the tracks (no joined file is written and read back).
    func joinStep(_ run: BuildRun) throws {
        let items = run.placement.buildPlan.items
        let cards = run.update { $0.cards }
        if !cards.isEmpty { events(.failureCards(segments: items.map(\.segmentID).filter { cards[$0] != nil })) }
        var invalid = makeReport(run)
        invalid.inputsDigest = ""
        try AtomicFile.write(try encode(invalid), to: settings.reportURL)
    }

    /// The tracks step: joins the clips the video uses with the subtitle, timecode and
    /// chapter tracks (and the soundtrack, as AAC) into the video, atomically, in one pass;
    /// a video holding failure cards is backdated for make (before the digest step records
    /// its size, time and SHA-256). When the video is up to date (`runs` false), it is only
    /// touched if a prerequisite is newer.
    func tracksStep(runs: Bool, run: BuildRun) async throws -> URL? {
        let context = run.context, placement = run.placement
        guard runs else {
            let video = touchedIfOlder(
                currentVideo(previous: context.previous, digest: context.digest), than: context.scriptPath,
                voicing: context.voicing)
            run.update { $0.video = video }
            events(.videoUpToDate(name: settings.outputName))
            return nil
        }
        let items = placement.buildPlan.items
        do {
            try await TrackMuxer(format: settings.format).mux(
                segments: items.map { context.cache.url(for: run.usedKey($0)) }, frames: items.map(\.frames),
                tracks: Editor.tracks(for: placement.plan, items: items), audio: run.soundtrack(self), to: settings.output)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw AnimaticError(.cannotCreate, "cannot write \(settings.outputName): \(error)")
        }
        events(.videoWritten(name: settings.outputName, frames: context.plan.totalFrames))
        if run.update({ !$0.outcome.failures.isEmpty }) { backdate(settings.output, before: context.scriptPath) }
        // Its record for the report is the digest step's, beside the steps after this one.
        run.update { $0.videoWritten = true }
        return nil
    }

    /// Gives `video` (holding failure cards) a modification time a second before the
    /// script's, so that make, which compares times, builds it again next time and the
    /// failed segments are tried again.
    func backdate(_ video: URL, before scriptPath: String) {
        let manager = FileManager.default
        guard let scriptTime = (try? manager.attributesOfItem(atPath: scriptPath))?[.modificationDate] as? Date else {
            return
        }
        try? manager.setAttributes([.modificationDate: scriptTime.addingTimeInterval(-1)], ofItemAtPath: video.path)
    }
}

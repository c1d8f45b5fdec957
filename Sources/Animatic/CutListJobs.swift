import CutLists
import Foundation
import Generation
import Planning

extension Builder {
    /// The frame the shot of `frame` shows in the take the outputs use (quality control
    /// may have put another take on the timeline since the step was planned).
    private func placed(_ frame: ShotFrame, run: BuildRun) -> ShotFrame {
        run.placement.shotFrames[frame.shotID] ?? frame
    }

    /// The clip a shot's frame shows: the cache key the outputs use for its segment.
    private func usedKey(of frame: ShotFrame, run: BuildRun) throws(AnimaticError) -> ClipKey {
        let frame = placed(frame, run: run)
        guard let item = run.placement.timelineItems[frame.clip.name] else {
            throw AnimaticError(.internalFailure, "no cache key for segment \(frame.clip.name)")
        }
        return run.usedKey(item)
    }

    /// Where the thumbnail of `frame` is cached.
    private func thumbnailURL(of frame: ShotFrame, run: BuildRun) throws(AnimaticError) -> URL {
        let size = Thumbnails.size(for: settings.size)
        return run.context.cache.thumbnailURL(for: try usedKey(of: frame, run: run), width: size.width, height: size.height)
    }

    /// The thumbnail step: the shot's thumbnail in the cache, checked, or grabbed now.
    func thumbnailStep(_ frame: ShotFrame, run: BuildRun) async throws -> URL? {
        // Not counted in the cut lists' time: thumbnails are grabbed while other segments
        // still generate, so their start would put generation into that figure.
        let cache = run.context.cache
        let (_, grabbed) = try await Thumbnails.load(
            placed(frame, run: run), at: try thumbnailURL(of: frame, run: run), clip: cache.url(for: try usedKey(of: frame, run: run)),
            cache: cache, video: settings.size, clipVerified: run.context.clipsVerified)
        if grabbed { run.update { $0.thumbnailsGrabbed += 1 } }
        return nil
    }

    /// The JPEG of `frame`'s thumbnail, which its step has put in the cache.
    private func thumbnail(_ frame: ShotFrame, run: BuildRun) throws(AnimaticError) -> (jpeg: Data, identity: String) {
        let url = try thumbnailURL(of: frame, run: run)
        guard let data = try? Data(contentsOf: url) else {
            throw AnimaticError(.internalFailure, "no thumbnail for shot \(frame.shotID)")
        }
        return (data, Thumbnails.identity(of: url))
    }

    /// The sheet draw step: page `index`, showing `frames`, in the cache, drawn unless there;
    /// its place there is kept for the page's placing step.
    func sheetDrawStep(_ index: Int, frames: [ShotFrame], run: BuildRun) async throws -> URL? {
        run.cutListStepStarted()
        let cells = try frames.map { frame throws(AnimaticError) in
            let (jpeg, identity) = try thumbnail(frame, run: run)
            return (image: jpeg, identity: identity, caption: frame.caption)
        }
        let (cached, drawn) = try await ContactSheetExport.draw(
            cells, layout: ContactSheetExport.layout(thumbnail: Thumbnails.size(for: settings.size)),
            cache: run.context.cache)
        run.update { state in
            state.sheetPages[index] = cached
            if drawn { state.pagesDrawn += 1 }
        }
        return nil
    }

    /// The sheet page step: page `index` of `pages`, as its draw step left it in the cache,
    /// placed at `url`; the last page also removes the pages a previous build left beyond it.
    func sheetPageStep(_ index: Int, frames: [ShotFrame], url: URL, pages: [URL], run: BuildRun) async throws -> URL? {
        run.cutListStepStarted()
        guard let cached = run.update({ $0.sheetPages[index] }) else {
            throw AnimaticError(.internalFailure, "sheet page \(url.lastPathComponent) was not drawn")
        }
        let placed = try ContactSheetExport.place(cached, at: url)
        if index == pages.count - 1 { ContactSheetExport.removeStalePages(keeping: pages, video: settings.output) }
        // Only what this build wrote is said to be written: a no-op names no file.
        if placed { run.update { $0.cutListFiles[.sheet, default: []].append(url) } }
        return nil
    }

    /// A text cut list step: the format rendered from the timeline (the storyboard page with
    /// each shot's thumbnail and QC verdict), or the bytes rendered beside the build
    /// (`planned`, from `RenderedCutLists`), written unless the file holds those bytes.
    func cutListStep(_ format: CutListFormat, planned: Data?, run: BuildRun) async throws -> URL? {
        run.cutListStepStarted()
        let url = settings.cutListURL(format)
        if let planned {
            if try AtomicFile.update(planned, at: url) { run.update { $0.cutListFiles[format] = [url] } }
            return nil
        }
        guard let timeline = run.placement.timeline else {
            throw AnimaticError(.internalFailure, "a cut list step in a build that writes no cut lists")
        }
        var sources: [ShotID: String] = [:]
        if format == .html {
            for frame in timeline.shotFrames {
                sources[frame.shotID] = "data:image/jpeg;base64," + (try thumbnail(frame, run: run).jpeg).base64EncodedString()
            }
        }
        let qcNotes = run.qcNotes(self)
        guard let text = format.render(
            timeline, edlFlavor: settings.edlFlavor, thumbnails: sources, qcNotes: qcNotes,
            drafts: CutListExport.drafts(timeline, settings: settings), reviews: settings.reviewMarks)
        else {
            throw AnimaticError(.internalFailure, "\(format) is not a text cut list")
        }
        if try AtomicFile.update(Data(text.utf8), at: url) { run.update { $0.cutListFiles[format] = [url] } }
        return nil
    }
}

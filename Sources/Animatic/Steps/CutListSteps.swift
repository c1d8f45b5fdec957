import CutLists
import Foundation
import Generation
import Planning

extension Builder {
    /// The thumbnail, sheet page and cut list steps of `context`; `clipStep` gives the step
    /// whose clip each segment key uses, `clipRuns` whether it runs; every file beside the
    /// video also reads `video`, the video's step.
    func addCutLists(
        _ context: BuildContext, clipStep: [ClipKey: String], clipRuns: [ClipKey: Bool], after video: String,
        to planner: inout StepPlanner
    ) throws(AnimaticError) {
        let items = context.buildPlan.items, cache = context.cache
        let timeline = CutListExport.timeline(context.plan, settings: settings, withAudio: context.voicing != nil)
        let frames = CutListExport.needsThumbnails(settings) ? timeline.shotFrames : []
        let keys = Dictionary(items.map { ($0.segmentID, $0.key) }, uniquingKeysWith: { first, _ in first })
        let size = Thumbnails.size(for: settings.size)
        var thumbnailRuns: [String: Bool] = [:]  // shot ID → whether its thumbnail is made
        var thumbnailURLs: [String: URL] = [:]
        for frame in frames {
            guard let key = keys[SegmentID(frame.clip.name)], let clip = clipStep[key] else { continue }
            let url = cache.thumbnailURL(for: key, width: size.width, height: size.height)
            // A clip made again drops its thumbnails, so its thumbnail is made again too.
            let status: BuildStep.Status =
                clipRuns[key] == true ? .runs(planner.exists(url) ? .contentChanged : .new)
                : planner.exists(url) ? .upToDate : .runs(planner.hadBuild ? .outputMissing : .new)
            planner.add(BuildStep(
                id: "thumbnail \(frame.shotID)", kind: .thumbnail, inputs: [clip], output: url.path, key: key.rawValue,
                status: status), .thumbnail(frame))
            thumbnailRuns[frame.shotID] = status.runs
            thumbnailURLs[frame.shotID] = url
        }
        let thumbnailSteps = frames.map { "thumbnail \($0.shotID)" }
        let qcNotes = Dictionary(items.compactMap { item in
            qcRecord(item).map { (item.segmentID.rawValue, QCNote(passed: $0.best.passed, text: $0.why)) }
        }) { first, _ in first }
        for format in settings.cutLists {
            switch format {
            case .sheet:
                addSheetPages(
                    frames, thumbnailRuns: thumbnailRuns, thumbnailURLs: thumbnailURLs, cache: cache, after: video,
                    to: &planner)
            case .html where frames.contains { thumbnailRuns[$0.shotID] == true }:
                // A thumbnail is made first: the page's bytes are not known yet.
                let url = settings.cutListURL(format)
                planner.add(BuildStep(
                    id: "cut-list \(url.lastPathComponent)", kind: .cutList, inputs: thumbnailSteps + [video],
                    output: url.path, key: nil, status: planner.reason(url, changed: true)), .cutList(format))
            default:
                let sources = format == .html ? thumbnailURLs.compactMapValues { url in
                    (try? Data(contentsOf: url)).map { "data:image/jpeg;base64," + $0.base64EncodedString() }
                } : [:]
                guard let text = format.render(timeline, edlFlavor: settings.edlFlavor, thumbnails: sources, qcNotes: qcNotes)
                else { continue }
                planner.addFile(
                    .cutList, settings.cutListURL(format), data: Data(text.utf8),
                    inputs: (format == .html ? thumbnailSteps : []) + [video], subject: .cutList(format))
            }
        }
    }

    /// A step per contact sheet page: drawn into the cache unless there, placed beside the video.
    private func addSheetPages(
        _ frames: [ShotFrame], thumbnailRuns: [String: Bool], thumbnailURLs: [String: URL], cache: ClipCache,
        after video: String, to planner: inout StepPlanner
    ) {
        let layout = ContactSheetExport.layout(thumbnail: Thumbnails.size(for: settings.size))
        let pages = ContactSheetExport.pages(frames)
        let urls = ContactSheetExport.urls(pages: pages.count, video: settings.output)
        for (index, (page, url)) in zip(pages, urls).enumerated() {
            let inputs = page.map { "thumbnail \($0.shotID)" } + [video]
            let id = "sheet-page \(url.lastPathComponent)"
            let subject = StepSubject.sheetPage(index: index, frames: page, url: url, pages: urls)
            if page.contains(where: { thumbnailRuns[$0.shotID] == true }) {
                planner.add(BuildStep(
                    id: id, kind: .sheetPage, inputs: inputs, output: url.path, key: nil,
                    status: planner.reason(url, changed: true)), subject)
                continue
            }
            let key = ContactSheetExport.pageKey(
                page.map { (thumbnailURLs[$0.shotID].map(Thumbnails.identity(of:)) ?? "", $0.caption) }, layout: layout)
            let cached = cache.sheetPageURL(for: key)
            let placed = planner.exists(cached) && FileManager.default.contentsEqual(atPath: cached.path, andPath: url.path)
            planner.add(BuildStep(
                id: id, kind: .sheetPage, inputs: inputs, output: url.path, key: key,
                status: placed ? .upToDate : planner.reason(url, changed: true)), subject)
        }
    }
}

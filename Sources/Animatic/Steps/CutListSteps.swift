import CutLists
import Foundation
import Generation
import Planning

extension Builder {
    /// The thumbnail, sheet page and cut list steps of `context`; `clipStep` gives the step
    /// whose clip each segment key uses, `clipRuns` whether it runs; every file beside the
    /// video also reads `video`, the video's step (a sheet page's drawing into the cache
    /// does not: `addSheetPages`).
    ///
    /// When quality control will rank a shot's takes only after generation (a clip is
    /// still to be made), the shot's thumbnail waits for the join, by which time the take on
    /// the timeline is known, and runs if any of its takes' clips is made; the text cut
    /// lists, whose clips may change, run too.
    ///
    /// When the planner is `building`, no list is rendered here: each text list's step runs and writes
    /// what changed, a list of the timeline alone from the bytes `RenderedCutLists` renders
    /// meanwhile (the dry run renders them here to say which change).
    func addCutLists(
        _ context: BuildContext, clipStep: [ClipKey: String], clipRuns: [ClipKey: Bool], after video: String,
        to planner: inout StepPlanner
    ) throws(AnimaticError) {
        let items = context.buildPlan.items, cache = context.cache
        let timeline = CutListExport.timeline(context.plan, settings: settings, withAudio: context.voicing != nil)
        let frames = CutListExport.needsThumbnails(settings) ? timeline.shotFrames : []
        let keys = Dictionary(items.map { ($0.segmentID, $0.key) }, uniquingKeysWith: { first, _ in first })
        let size = Thumbnails.size(for: settings.size)
        var thumbnailRuns: [ShotID: Bool] = [:]  // shot ID → whether its thumbnail is made
        var thumbnailURLs: [ShotID: URL] = [:]
        let undecided = takesPlacedAfterGeneration(context)
        let allKeys = Dictionary(context.allItems.map { ($0.segmentID, $0.key) }, uniquingKeysWith: { first, _ in first })
        let shots = Dictionary(context.plan.shots.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        /// With takes still to be ranked, the keys of the clips of every take a shot may show.
        func takeKeys(_ shotID: ShotID) -> [ClipKey]? {
            guard undecided, let shot = shots[shotID], shot.otherTakes != nil else { return nil }
            return shot.allTakes.flatMap(\.segments).compactMap { allKeys[$0.id] }
        }
        let qcNotes = qcNotes(context.plan, context.buildPlan)
        let recording = cutListRecording(context, frames: frames, qcNotes: qcNotes)
        planner.cutLists = recording
        let clips = items.compactMap { clipStep[$0.key] }
        if recording?.current == true {
            addRecordedCutLists(context, frames: frames, clipStep: clipStep, clips: clips, after: video, to: &planner)
            return
        }
        for frame in frames {
            guard let key = keys[frame.clip.name], let clip = clipStep[key] else { continue }
            let url = cache.thumbnailURL(for: key, width: size.width, height: size.height)
            let takeKeys = takeKeys(frame.shotID)
            let remade = (takeKeys ?? [key]).contains { clipRuns[$0] == true }
            // A clip made again drops its thumbnails, so its thumbnail is made again too.
            let status: BuildStep.Status =
                remade ? .runs(planner.exists(url) ? .contentChanged : .new)
                : planner.exists(url) ? .upToDate : .runs(planner.hadBuild ? .outputMissing : .new)
            planner.add(BuildStep(
                id: "thumbnail \(frame.shotID)", kind: .thumbnail, inputs: [clip] + (takeKeys == nil ? [] : ["join"]),
                output: url.path, key: key.rawValue, status: status), .thumbnail(frame))
            thumbnailRuns[frame.shotID] = status.runs
            thumbnailURLs[frame.shotID] = url
        }
        let thumbnailSteps = frames.map { "thumbnail \($0.shotID)" }
        let drafts = CutListExport.drafts(timeline, settings: settings)
        let thumbnailMade = frames.contains { thumbnailRuns[$0.shotID] == true }
        let thumbnails = thumbnailURLs
        let textLists = settings.cutLists.filter { $0 != .sheet }
        let building = planner.building
        if building {
            // The storyboard page and, under quality control, every list are rendered by
            // their steps (`cutListStep`), which may see another take on the timeline.
            let settings = settings
            planner.renderedLists = RenderedCutLists(
                undecided || qcPolicy.analyses ? [] : textLists.filter { $0 != .html }
            ) { format in
                format.render(
                    timeline, edlFlavor: settings.edlFlavor, thumbnails: [:], qcNotes: qcNotes, drafts: drafts,
                    reviews: settings.reviewMarks
                ).map { Data($0.utf8) }
            }
        }
        // A dry run's lists whose bytes are known now, rendered side by side.
        let rendered = building ? [:] : PlannedCutLists.render(
            textLists.filter { !undecided && !($0 == .html && thumbnailMade) }
        ) { format in
            let sources = format == .html ? thumbnails.compactMapValues { url in
                (try? Data(contentsOf: url)).map { "data:image/jpeg;base64," + $0.base64EncodedString() }
            } : [:]
            return format.render(
                timeline, edlFlavor: settings.edlFlavor, thumbnails: sources, qcNotes: qcNotes, drafts: drafts,
                reviews: settings.reviewMarks
            ).map { PlannedFile(Data($0.utf8), at: settings.cutListURL(format)) }
        }
        for format in settings.cutLists {
            switch format {
            case .sheet:
                addSheetPages(
                    frames, thumbnailRuns: thumbnailRuns, thumbnailURLs: thumbnailURLs, cache: cache, clips: clips,
                    after: video, to: &planner)
            case .html where thumbnailMade, _ where undecided || building:
                // A thumbnail is made first, or quality control has still to place takes,
                // or the build renders the list in its step: the bytes are not known yet.
                let url = settings.cutListURL(format)
                planner.add(BuildStep(
                    id: "cut-list \(url.lastPathComponent)", kind: .cutList,
                    inputs: (format == .html ? thumbnailSteps : []) + [video],
                    output: url.path, key: nil, status: planner.reason(url, changed: true)), .cutList(format))
            default:
                guard let file = rendered[format] else { continue }
                // A dry run's list whose bytes planning knows: up to date when its file holds them.
                planner.addFile(.cutList, file, inputs: (format == .html ? thumbnailSteps : []) + [video], subject: .cutList(format))
            }
        }
    }

    /// The cut list record of `context`'s build (`CutListRecord`): its digest, the files
    /// the steps write, and whether it vouches for them; nil when no cut list is written.
    private func cutListRecording(_ context: BuildContext, frames: [ShotFrame], qcNotes: QCNotes) -> CutListRecord.Planned? {
        guard !settings.cutLists.isEmpty else { return nil }
        let pages = ContactSheetExport.pages(frames).count
        let sheet = Array(ContactSheetExport.urls(pages: pages, video: settings.output).prefix(pages))
        let files = settings.cutLists.flatMap { $0 == .sheet ? sheet : [settings.cutListURL($0)] }
        let digest = CutListRecord.digest(
            inputs: context.digest, settings: settings, keys: context.buildPlan.items.map { ($0.segmentID, $0.key) },
            qcNotes: qcNotes, withAudio: context.voicing != nil)
        let url = CutListRecord.url(for: settings.output, in: context.cache)
        let nothingMade = context.buildPlan.toGenerate.isEmpty
        return CutListRecord.Planned(
            url: url, digest: digest, files: files,
            current: nothingMade && CutListRecord.vouches(at: url, digest: digest, files: files),
            recordable: nothingMade || !qcPolicy.analyses)
    }

    /// The thumbnail, sheet page and cut list steps when the record vouches for every file
    /// they write: each up to date, in the order and with the inputs of `addCutLists`.
    private func addRecordedCutLists(
        _ context: BuildContext, frames: [ShotFrame], clipStep: [ClipKey: String], clips: [String], after video: String,
        to planner: inout StepPlanner
    ) {
        let keys = Dictionary(context.buildPlan.items.map { ($0.segmentID, $0.key) }, uniquingKeysWith: { first, _ in first })
        let size = Thumbnails.size(for: settings.size)
        for frame in frames {
            guard let key = keys[frame.clip.name], let clip = clipStep[key] else { continue }
            planner.add(BuildStep(
                id: "thumbnail \(frame.shotID)", kind: .thumbnail, inputs: [clip],
                output: context.cache.thumbnailURL(for: key, width: size.width, height: size.height).path, key: key.rawValue,
                status: .upToDate), .thumbnail(frame))
        }
        let thumbnailSteps = frames.map { "thumbnail \($0.shotID)" }
        for format in settings.cutLists {
            if format == .sheet {
                let pages = ContactSheetExport.pages(frames)
                let urls = ContactSheetExport.urls(pages: pages.count, video: settings.output)
                for (index, (page, url)) in zip(pages, urls).enumerated() {
                    let draw = sheetDrawStep(index: index, page: page, url: url, urls: urls, clips: clips)
                    planner.add(BuildStep(
                        id: draw.id, kind: .sheetDraw, inputs: draw.inputs,
                        output: context.cache.directory.appendingPathComponent("sheets").path, key: nil, status: .upToDate),
                        .sheetDraw(index: index, frames: page))
                    planner.add(BuildStep(
                        id: "sheet-page \(url.lastPathComponent)", kind: .sheetPage,
                        inputs: [draw.id, video], output: url.path, key: nil, status: .upToDate),
                        .sheetPage(index: index, frames: page, url: url, pages: urls))
                }
                continue
            }
            let url = settings.cutListURL(format)
            planner.add(BuildStep(
                id: "cut-list \(url.lastPathComponent)", kind: .cutList,
                inputs: (format == .html ? thumbnailSteps : []) + [video], output: url.path, key: nil, status: .upToDate),
                .cutList(format))
        }
    }

    /// Two steps per contact sheet page: drawn into the cache unless there (`sheet-draw`),
    /// then placed beside the video (`sheet-page`). Only placing waits for the video, so
    /// pages are drawn while the clips are joined. No page is drawn beside a backend's
    /// encoder (a page holds tens of MB): the first page's drawing waits for every clip of
    /// the timeline (`clips`), the others for the first.
    private func addSheetPages(
        _ frames: [ShotFrame], thumbnailRuns: [ShotID: Bool], thumbnailURLs: [ShotID: URL], cache: ClipCache,
        clips: [String], after video: String, to planner: inout StepPlanner
    ) {
        let layout = ContactSheetExport.layout(thumbnail: Thumbnails.size(for: settings.size))
        let pages = ContactSheetExport.pages(frames)
        let urls = ContactSheetExport.urls(pages: pages.count, video: settings.output)
        for (index, (page, url)) in zip(pages, urls).enumerated() {
            let draw = sheetDrawStep(index: index, page: page, url: url, urls: urls, clips: clips)
            let id = "sheet-page \(url.lastPathComponent)"
            let subject = StepSubject.sheetPage(index: index, frames: page, url: url, pages: urls)
            if page.contains(where: { thumbnailRuns[$0.shotID] == true }) {
                planner.add(BuildStep(
                    id: draw.id, kind: .sheetDraw, inputs: draw.inputs, output: cache.directory.appendingPathComponent("sheets").path,
                    key: nil, status: .runs(planner.hadBuild ? .contentChanged : .new)), .sheetDraw(index: index, frames: page))
                planner.add(BuildStep(
                    id: id, kind: .sheetPage, inputs: [draw.id, video], output: url.path, key: nil,
                    status: planner.reason(url, changed: true)), subject)
                continue
            }
            let key = ContactSheetExport.pageKey(
                page.map { (thumbnailURLs[$0.shotID].map(Thumbnails.identity(of:)) ?? "", $0.caption) }, layout: layout)
            let cached = cache.sheetPageURL(for: key)
            let drawn = planner.exists(cached)
            planner.add(BuildStep(
                id: draw.id, kind: .sheetDraw, inputs: draw.inputs, output: cached.path, key: key,
                status: drawn ? .upToDate : .runs(planner.hadBuild ? .contentChanged : .new)),
                .sheetDraw(index: index, frames: page))
            let placed = drawn && FileManager.default.contentsEqual(atPath: cached.path, andPath: url.path)
            planner.add(BuildStep(
                id: id, kind: .sheetPage, inputs: [draw.id, video], output: url.path, key: key,
                status: placed ? .upToDate : planner.reason(url, changed: true)), subject)
        }
    }

    /// The ID and inputs of page `index`'s drawing: its thumbnails, and for the first page
    /// every clip of the timeline (`clips`), for the others the first page's drawing.
    private func sheetDrawStep(
        index: Int, page: [ShotFrame], url: URL, urls: [URL], clips: [String]
    ) -> (id: String, inputs: [String]) {
        let thumbnails = page.map { "thumbnail \($0.shotID)" }
        return (
            "sheet-draw \(url.lastPathComponent)",
            thumbnails + (index == 0 ? clips : ["sheet-draw \(urls[0].lastPathComponent)"]))
    }

    /// Whether quality control will choose a shot's take only after generation: it ranks
    /// takes, a shot has them, and a clip is still to be made (else the context has placed them).
    func takesPlacedAfterGeneration(_ context: BuildContext) -> Bool {
        qcPolicy.analyses && !context.buildPlan.toGenerate.isEmpty && context.plan.shots.contains { $0.otherTakes != nil }
    }
}

import CutLists
import Foundation
import Generation
import Planning

/// Every step of a build, in dependency order, and what the steps that run would ask of
/// each backend: what `animatic build --dry-run` prints. Made by reading only (the
/// previous report, the cache's entries, the outputs beside the video); it writes nothing,
/// not even the cache directory.
public struct StepPlan: Sendable {
    /// Every step, each after the steps it needs.
    public var steps: [BuildStep]

    /// What the generate steps that run ask of one backend: the figures a cost estimate needs.
    public struct BackendTotal: Sendable, Hashable {
        /// The backend's name.
        public var backend: String
        /// Requests it gets.
        public var requests: Int
        /// Frames it makes.
        public var frames: Int
        /// Seconds of video it makes, at the timeline rate.
        public var seconds: Double
    }

    /// One total per backend that gets a request, by name.
    public var totals: [BackendTotal] {
        var byBackend: [String: BackendTotal] = [:]
        for step in steps where step.status.runs {
            guard let generation = step.generation else { continue }
            var total = byBackend[generation.backend]
                ?? BackendTotal(backend: generation.backend, requests: 0, frames: 0, seconds: 0)
            total.requests += 1
            total.frames += generation.frames
            total.seconds += generation.seconds
            byBackend[generation.backend] = total
        }
        return byBackend.values.sorted { $0.backend < $1.backend }
    }

    /// The steps that run.
    public var running: [BuildStep] { steps.filter(\.status.runs) }
}

extension Builder {
    /// The steps a build of `plan` (from the script at `scriptPath`, its lines voiced as
    /// `voicing`) would take now, and why each runs or not, assuming every request succeeds.
    /// - Throws: `AnimaticError` `.internalFailure` when the plan cannot be encoded.
    public func stepPlan(for plan: Plan, scriptPath: String, voicing: Voicing? = nil) throws(AnimaticError) -> StepPlan {
        let cache = self.cache
        let previous = BuildReport.read(settings.reportURL)
        let planned = try soundBuildPlan(for: plan, voicing: voicing, previous: previous).buildPlan
        // Quality control may put another take of a shot on the timeline; the plan JSON and
        // the inputs digest are the plan's own, as a build's are.
        let (chosenPlan, buildPlan) = qcPlacingTakes(plan, planned)
        var planner = StepPlanner(settings: settings, hadBuild: previous != nil)

        // Generation: a step per segment, and a conform step when the backend's files are
        // not in the house format.
        let direct = generator.capabilities.writesHouseFormat
        var clipStep: [String: String] = [:]  // segment key → the step that puts its clip in the cache
        var clipRuns: [String: Bool] = [:]  // segment key → whether that step runs
        let allItems = buildPlan.items + buildPlan.takeItems
        let segmentOfKey = Dictionary(allItems.map { ($0.key, $0.segmentID) }) { first, _ in first }
        for item in allItems {
            let status: BuildStep.Status = if case let .generate(reason) = item.action { .runs(reason) } else { .upToDate }
            let generateID = "generate \(item.segmentID)"
            let cached = cache.url(for: item.key).path
            let generation = BuildStep.Generation(
                backend: generator.name, segmentID: item.segmentID, prompt: item.request.content.prompt,
                negativePrompt: item.request.content.negativePrompt, seed: item.request.content.seed,
                frames: item.frames, seconds: Double(item.frames) * Double(plan.frameRate.den) / Double(plan.frameRate.num),
                shotStartFrame: item.request.shotStartFrame, size: settings.size.description,
                continues: item.continues.flatMap { segmentOfKey[$0] },
                charge: generator.charge(for: item.request), quality: settings.quality?.quality(of: item.segmentID))
            planner.add(BuildStep(
                id: generateID, kind: .generate, inputs: item.continues.flatMap { clipStep[$0] }.map { [$0] } ?? [],
                output: direct ? cached : "\(cache.scratchDirectory.path)/\(item.key).raw", key: item.key, status: status,
                generation: generation))
            clipStep[item.key] = generateID
            if !direct {
                let conformID = "conform \(item.segmentID)"
                planner.add(BuildStep(
                    id: conformID, kind: .conform, inputs: [generateID], output: cached, key: item.key, status: status))
                clipStep[item.key] = conformID
            }
            if qcPolicy.analyses {
                // Its record is cached with the clip: a clip made again is analysed again,
                // a cached one only when it has no record.
                let qcID = "qc \(item.segmentID)", record = cache.qcURL(for: item.key)
                planner.add(BuildStep(
                    id: qcID, kind: .qc, inputs: status.runs ? [clipStep[item.key] ?? generateID] : [],
                    output: record.path, key: item.key,
                    status: status.runs ? status : planner.exists(record) ? .upToDate : .runs(.outputMissing)))
                clipStep[item.key] = qcID
            }
            clipRuns[item.key] = status.runs
        }
        let clipSteps = buildPlan.items.compactMap { clipStep[$0.key] }
        let takeSteps = buildPlan.takeItems.compactMap { clipStep[$0.key] }

        // The video: joined, then given its tracks; up to date when nothing it is made of changed.
        let planJSON = try Self.planJSON(plan)
        let digest = inputsDigest(
            planJSON: planJSON, items: planned.items,
            sound: voicing.map { Soundtrack.digestText($0, loudness: settings.loudness) })
        let videoUpToDate = videoIsUpToDate(buildPlan, previous: previous, digest: digest)
        let videoStatus: BuildStep.Status = videoUpToDate ? .upToDate : planner.reason(settings.output, changed: true)
        planner.add(BuildStep(
            id: "join", kind: .join, inputs: clipSteps, output: cache.scratchDirectory.path + "/joined.mp4", key: digest,
            status: videoStatus))
        planner.add(BuildStep(
            id: "tracks \(settings.output.lastPathComponent)", kind: .tracks, inputs: ["join"], output: settings.output.path, key: digest,
            status: videoStatus))
        planner.addFile(.plan, settings.planURL, data: planJSON, inputs: [])
        planner.add(BuildStep(
            id: "media \(settings.mediaDirectory.lastPathComponent)", kind: .media, inputs: clipSteps + takeSteps,
            output: settings.mediaDirectory.path, key: digest,
            status: mediaIsUpToDate(videoIsUpToDate: videoUpToDate, buildPlan: buildPlan, previous: previous)
                ? .upToDate : planner.reason(settings.mediaDirectory, changed: true)))

        try addCutLists(
            chosenPlan, items: buildPlan.items, clipStep: clipStep, clipRuns: clipRuns, cache: cache, withAudio: voicing != nil,
            qcNotes: qcNotes(chosenPlan, buildPlan), to: &planner)

        let report = makeReport(
            buildPlan, plan: chosenPlan, scriptPath: scriptPath, outcome: GenerationOutcome(), digest: digest)
        var written = report
        written.videoWritten = videoStatus.runs
        // An up-to-date video keeps its record, unless the build will touch it for make.
        if videoUpToDate, let video = currentVideo(previous: previous, digest: digest) {
            written.video = videoIsOlder(video, than: scriptPath, voicing: voicing) ? nil : video
        }
        planner.addFile(.report, settings.reportURL, data: try encode(written), inputs: planner.steps.map(\.id))
        if let depfile = settings.depfile {
            planner.addFile(.depfile, depfile, data: depfileData(scriptPath: scriptPath, voicing: voicing), inputs: ["tracks \(settings.output.lastPathComponent)"])
        }
        return StepPlan(steps: planner.steps)
    }

    /// The thumbnail, sheet page and cut list steps (`withAudio`: cut lists with the WAVs;
    /// `qcNotes`: the storyboard page's quality-control notes).
    private func addCutLists(
        _ plan: Plan, items: [BuildPlan.Item], clipStep: [String: String], clipRuns: [String: Bool], cache: ClipCache,
        withAudio: Bool, qcNotes: QCNotes, to planner: inout StepPlanner
    ) throws(AnimaticError) {
        let timeline = CutListExport.timeline(plan, settings: settings, withAudio: withAudio)
        let frames = CutListExport.needsThumbnails(settings) ? timeline.shotFrames : []
        let keys = Dictionary(items.map { ($0.segmentID, $0.key) }, uniquingKeysWith: { first, _ in first })
        let size = Thumbnails.size(for: settings.size)
        var thumbnailRuns: [String: Bool] = [:]  // shot ID → whether its thumbnail is made
        var thumbnailURLs: [String: URL] = [:]
        for frame in frames {
            guard let key = keys[frame.clip.name], let clip = clipStep[key] else { continue }
            let url = cache.thumbnailURL(for: key, width: size.width, height: size.height)
            // A clip made again drops its thumbnails, so its thumbnail is made again too.
            let status: BuildStep.Status =
                clipRuns[key] == true ? .runs(planner.exists(url) ? .contentChanged : .new)
                : planner.exists(url) ? .upToDate : .runs(planner.hadBuild ? .outputMissing : .new)
            planner.add(BuildStep(
                id: "thumbnail \(frame.shotID)", kind: .thumbnail, inputs: [clip], output: url.path, key: key,
                status: status))
            thumbnailRuns[frame.shotID] = status.runs
            thumbnailURLs[frame.shotID] = url
        }
        let thumbnailSteps = frames.map { "thumbnail \($0.shotID)" }
        for format in settings.cutLists {
            switch format {
            case .sheet:
                addSheetPages(frames, thumbnailRuns: thumbnailRuns, thumbnailURLs: thumbnailURLs, cache: cache, to: &planner)
            case .html where frames.contains { thumbnailRuns[$0.shotID] == true }:
                // A thumbnail is made first: the page's bytes are not known yet.
                let url = settings.cutListURL(format)
                planner.add(BuildStep(
                    id: "cut-list \(url.lastPathComponent)", kind: .cutList, inputs: thumbnailSteps, output: url.path,
                    key: nil, status: planner.reason(url, changed: true)))
            default:
                let sources = format == .html ? thumbnailURLs.compactMapValues { url in
                    (try? Data(contentsOf: url)).map { "data:image/jpeg;base64," + $0.base64EncodedString() }
                } : [:]
                guard let text = format.render(
                    timeline, edlFlavor: settings.edlFlavor, thumbnails: sources, qcNotes: qcNotes,
                    drafts: CutListExport.drafts(timeline, settings: settings), reviews: settings.reviewMarks)
                else { continue }
                planner.addFile(
                    .cutList, settings.cutListURL(format), data: Data(text.utf8),
                    inputs: format == .html ? thumbnailSteps : [])
            }
        }
    }

    /// A step per contact sheet page: drawn into the cache unless there, placed beside the video.
    private func addSheetPages(
        _ frames: [ShotFrame], thumbnailRuns: [String: Bool], thumbnailURLs: [String: URL], cache: ClipCache,
        to planner: inout StepPlanner
    ) {
        let layout = ContactSheetExport.layout(thumbnail: Thumbnails.size(for: settings.size))
        let pages = ContactSheetExport.pages(frames)
        for (page, url) in zip(pages, ContactSheetExport.urls(pages: pages.count, video: settings.output)) {
            let inputs = page.map { "thumbnail \($0.shotID)" }
            let id = "sheet-page \(url.lastPathComponent)"
            if page.contains(where: { thumbnailRuns[$0.shotID] == true }) {
                planner.add(BuildStep(
                    id: id, kind: .sheetPage, inputs: inputs, output: url.path, key: nil, status: planner.reason(url, changed: true)))
                continue
            }
            let key = ContactSheetExport.pageKey(
                page.map { (thumbnailURLs[$0.shotID].map(Thumbnails.identity(of:)) ?? "", $0.caption) }, layout: layout)
            let cached = cache.sheetPageURL(for: key)
            let placed = planner.exists(cached) && FileManager.default.contentsEqual(atPath: cached.path, andPath: url.path)
            planner.add(BuildStep(
                id: id, kind: .sheetPage, inputs: inputs, output: url.path, key: key,
                status: placed ? .upToDate : planner.reason(url, changed: true)))
        }
    }
}

/// Collects steps and decides the status of an output file from what is on disk.
struct StepPlanner {
    var settings: BuildSettings
    /// Whether a previous build left a report: a missing output is then missing, not new.
    var hadBuild: Bool
    var steps: [BuildStep] = []

    mutating func add(_ step: BuildStep) { steps.append(step) }

    func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// Why the output at `url` is made: new with no previous build, missing when the
    /// previous build's output is gone, else content changed (`changed`) or up to date.
    func reason(_ url: URL, changed: Bool) -> BuildStep.Status {
        if !exists(url) { return .runs(hadBuild ? .outputMissing : .new) }
        return changed ? .runs(.contentChanged) : .upToDate
    }

    /// A step writing `data` to `url`: up to date when the file holds those bytes.
    mutating func addFile(_ kind: BuildStep.Kind, _ url: URL, data: Data, inputs: [String]) {
        let same = exists(url) && FileManager.default.contents(atPath: url.path) == data
        add(BuildStep(
            id: "\(kind.rawValue) \(url.lastPathComponent)", kind: kind, inputs: inputs, output: url.path,
            key: SHA256.hex(data), status: reason(url, changed: !same)))
    }
}

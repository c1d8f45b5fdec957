import CutLists
import Foundation
import Generation
import Planning

extension Builder {
    /// Every step of the build `context` describes, in dependency order, and why each runs
    /// or not (assuming every request succeeds). Reads only: the cache's entries, the
    /// outputs beside the video. The build runs exactly these steps (`job(for:)`).
    /// With `building`, the text cut lists are rendered beside the build's steps instead of
    /// now (`RenderedCutLists`): their steps run, and write only what changed.
    ///
    /// Everything written beside the video reads the video's step (`tracks`), which reads
    /// every clip: so a failure that stops the build leaves every output as it was, and the
    /// report, which the join invalidates before the video is replaced, is written last.
    func stepPlan(_ context: BuildContext, building: Bool = false) throws(AnimaticError) -> StepPlan {
        let buildPlan = context.buildPlan, cache = context.cache, keepGoing = settings.keepGoing
        var planner = StepPlanner(settings: settings, hadBuild: context.previous != nil, building: building)

        // Generation: a step per segment, a conform step when the backend's files are not
        // in the house format, a QC step with quality control on, and under --keep-going a
        // failure card that stands in for a timeline segment whose clip failed.
        var clipStep: [ClipKey: String] = [:]  // segment key → the step that puts its clip in the cache
        var usedStep: [ClipKey: String] = [:]  // segment key → the step whose clip the outputs use
        var clipRuns: [ClipKey: Bool] = [:]  // segment key → whether that step runs
        let segmentOfKey = Dictionary(context.allItems.map { ($0.key, $0.segmentID) }) { first, _ in first }
        let timeline = Set(buildPlan.items.map(\.key))
        for item in context.allItems {
            let status: BuildStep.Status = if case let .generate(reason) = item.action { .runs(reason) } else { .upToDate }
            let generateID = "generate \(item.segmentID)"
            let cached = cache.url(for: item.key).path
            let generation = BuildStep.Generation(
                backend: generator.name, segmentID: item.segmentID, prompt: item.request.content.prompt,
                negativePrompt: item.request.content.negativePrompt, seed: item.request.content.seed,
                frames: item.frames,
                seconds: Double(item.frames) * Double(context.plan.frameRate.den) / Double(context.plan.frameRate.num),
                shotStartFrame: item.request.shotStartFrame, size: settings.size.description,
                continues: item.continues.flatMap { segmentOfKey[$0] },
                charge: generator.charge(for: item.request), quality: settings.quality?.quality(of: item.segmentID))
            // The backend's own clip, when cached, is conformed again with no request.
            planner.add(BuildStep(
                id: generateID, kind: .generate, inputs: item.continues.flatMap { clipStep[$0] }.map { [$0] } ?? [],
                output: item.rawKey.map { cache.rawURL(for: $0).path } ?? cached, key: (item.rawKey ?? item.key).rawValue,
                status: item.rawCached ? .upToDate : status, generation: generation), .generate(item))
            clipStep[item.key] = generateID
            if item.rawKey != nil {
                let conformID = "conform \(item.segmentID)"
                planner.add(BuildStep(
                    id: conformID, kind: .conform, inputs: [generateID], output: cached, key: item.key.rawValue, status: status),
                    .conform(item))
                clipStep[item.key] = conformID
            }
            if qcPolicy.analyses {
                // Its record is cached with the clip: a clip made again is analysed again,
                // a cached one only when it has no record.
                let qcID = "qc \(item.segmentID)", record = cache.qcURL(for: item.key)
                planner.add(BuildStep(
                    id: qcID, kind: .qc, inputs: status.runs ? [clipStep[item.key] ?? generateID] : [],
                    output: record.path, key: item.key.rawValue,
                    status: status.runs ? status : planner.exists(record) ? .upToDate : .runs(.outputMissing)),
                    .qc(item))
                clipStep[item.key] = qcID
            }
            usedStep[item.key] = clipStep[item.key]
            if keepGoing && status.runs && timeline.contains(item.key) {
                let cardID = "failure-card \(item.segmentID)"
                planner.add(BuildStep(
                    id: cardID, kind: .failureCard, inputs: [clipStep[item.key] ?? generateID],
                    output: cache.directory.appendingPathComponent("clips").path, key: nil, status: .ifInputFails),
                    .failureCard(item))
                usedStep[item.key] = cardID
            }
            clipRuns[item.key] = status.runs
        }
        let clipSteps = buildPlan.items.compactMap { usedStep[$0.key] }
        let takeSteps = buildPlan.takeItems.compactMap { usedStep[$0.key] }

        // The video: its clips settled (the join), then joined with its tracks in one pass;
        // up to date when nothing it is made of changed. The join waits for the takes too,
        // so that the report it invalidates first says how every segment went.
        let videoUpToDate = videoIsUpToDate(buildPlan, previous: context.previous, digest: context.digest)
        let videoStatus: BuildStep.Status = videoUpToDate ? .upToDate : planner.reason(settings.output, changed: true)
        let tracksID = "tracks \(settings.output.lastPathComponent)"
        planner.add(BuildStep(
            id: "join", kind: .join, inputs: clipSteps + takeSteps, output: settings.output.path,
            key: context.digest, status: videoStatus), .join)
        let soundtrack = soundtrackStep(context, videoStatus: videoStatus, join: "join")
        if let soundtrack { planner.add(soundtrack, .soundtrack) }
        planner.add(BuildStep(
            id: tracksID, kind: .tracks, inputs: ["join"] + (soundtrack.map { [$0.id] } ?? []), output: settings.output.path, key: context.digest,
            status: videoStatus), .tracks)
        planner.add(BuildStep(
            id: "digest \(settings.output.lastPathComponent)", kind: .digest, inputs: [tracksID], output: settings.output.path,
            key: context.digest, status: videoStatus), .digest)
        try planner.addFile(.plan, settings.planURL, data: { context.planJSON }, inputs: [tracksID], subject: .plan)
        planner.add(BuildStep(
            id: "media \(settings.mediaDirectory.lastPathComponent)", kind: .media, inputs: clipSteps + takeSteps + [tracksID],
            output: settings.mediaDirectory.path, key: context.digest,
            status: mediaIsUpToDate(videoIsUpToDate: videoUpToDate, buildPlan: buildPlan, previous: context.previous)
                ? .upToDate : planner.reason(settings.mediaDirectory, changed: true)), .media)

        try addCutLists(context, clipStep: usedStep, clipRuns: clipRuns, after: tracksID, to: &planner)

        if let depfile = settings.depfile {
            try planner.addFile(
                .depfile, depfile, data: { depfileData(scriptPath: context.scriptPath, voicing: context.voicing) },
                inputs: [tracksID], subject: .depfile)
        }
        try planner.addFile(.report, settings.reportURL, data: { () throws(AnimaticError) in
            var written = makeReport(
                buildPlan, plan: context.plan, scriptPath: context.scriptPath, outcome: GenerationOutcome(), digest: context.digest)
            written.videoWritten = videoStatus.runs
            // An up-to-date video keeps its record, unless the build will touch it for make.
            if videoUpToDate, let video = currentVideo(previous: context.previous, digest: context.digest) {
                written.video = videoIsOlder(video, than: context.scriptPath, voicing: context.voicing) ? nil : video
            }
            return try encode(written)
        }, inputs: planner.steps.map(\.id), subject: .report)
        return StepPlan(
            steps: planner.steps, subjects: planner.subjects, cutLists: planner.cutLists, renderedLists: planner.renderedLists)
    }
}

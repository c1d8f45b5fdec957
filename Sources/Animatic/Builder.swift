import Foundation
import Generation
import Media
import Planning

/// The build after planning: decides what is stale (`BuildPlan`), generates it in
/// parallel into the clip cache, edits the clips into the video, and writes the outputs
/// (video, plan JSON, report, per-segment media, depfile), each atomically.
///
/// A segment whose backend fails (after the scheduler's retries) stops the build: no new
/// segment is started, the running ones finish and stay cached, the report is written and
/// nothing else. With `settings.keepGoing`, a failure card of the segment's length stands
/// in for it instead (`FailureCards`) and every output is written. Either way the build
/// then throws `.unavailable` (exit 69).
///
/// Cancelling the task running `build` stops running encodes (their partial files are
/// removed), keeps every finished clip in the cache, and writes no output.
public struct Builder: Sendable {
    /// Bumped when the editor's output changes for the same inputs: part of the inputs digest.
    static let editorVersion = 1

    public var settings: BuildSettings
    public var generator: any Generator
    /// Receives progress as the build goes.
    public var events: @Sendable (BuildEvent) -> Void

    /// A builder for `settings` with `generator` (the storyboard renderer unless told).
    public init(
        settings: BuildSettings, generator: any Generator = StoryboardRenderer(),
        events: @escaping @Sendable (BuildEvent) -> Void = { _ in }
    ) {
        self.settings = settings
        self.generator = generator
        self.events = events
    }

    /// The cache the build uses.
    public var cache: ClipCache { ClipCache(directory: settings.cacheDirectory) }

    /// What a build of `plan` would do now, without doing it.
    /// - Throws: `AnimaticError` `.internalFailure` when a request cannot be encoded.
    public func buildPlan(for plan: Plan) throws(AnimaticError) -> BuildPlan {
        try BuildPlan.make(
            plan: plan, settings: settings, generator: generator, cache: cache,
            previous: BuildReport.read(settings.reportURL))
    }

    /// Builds `plan` (from the script at `scriptPath`, as the user named it) and returns
    /// the report it wrote beside the video.
    /// - Throws: `AnimaticError`: `.unavailable` when segments failed (after writing the
    ///   report, and with `keepGoing` every output), others when outputs are not writable;
    ///   or `CancellationError`.
    /// With `voicing` (the script's voiced lines), the video carries the soundtrack,
    /// `film.media/` a WAV beside each segment, and the cut lists audio clips.
    public func build(_ plan: Plan, scriptPath: String, voicing: Voicing? = nil) async throws -> BuildReport {
        var plan = plan  // quality control may put another take of a shot on the timeline (`qcPlacingTakes`)
        let cache = self.cache
        let lock: CacheLock
        do { lock = try await cache.lock(waiting: { events(.waitingForCache) }) } catch {
            throw AnimaticError(.cannotCreate, "cannot use the cache \(settings.cacheDirectory.path): \(error)")
        }
        defer { withExtendedLifetime(lock) {} }
        StalePartials.remove(beside: settings.output)
        let previous = BuildReport.read(settings.reportURL)
        let sound = try soundBuildPlan(for: plan, voicing: voicing, previous: previous)
        var buildPlan = sound.buildPlan
        let drivingMix = sound.drivingMix
        let planJSON = try Self.planJSON(plan)
        let digest = inputsDigest(
            planJSON: planJSON, items: buildPlan.items,
            sound: voicing.map { Soundtrack.digestText($0, loudness: settings.loudness) })
        (plan, buildPlan) = qcPlacingTakes(plan, buildPlan)
        let currentVideo = self.currentVideo(previous: previous, digest: digest)
        // Clips about to feed a new video or film.media/ are checked against their digests.
        let clipsVerified = !mediaIsUpToDate(
            videoIsUpToDate: buildPlan.toGenerate.isEmpty && currentVideo != nil, buildPlan: buildPlan, previous: previous)
        if clipsVerified { buildPlan = buildPlan.verifyingReused(in: cache) }
        let pending = buildPlan.toGenerate
        events(.planned(segments: buildPlan.items.count + buildPlan.takeItems.count, toGenerate: pending.count, frames: plan.totalFrames))
        for item in buildPlan.items + buildPlan.takeItems where item.action == .reuse { events(.segmentCached(id: item.segmentID)) }

        let started = Date()
        let outcome = try await generate(
            pending, reused: (buildPlan.items + buildPlan.takeItems).filter { $0.action == .reuse }, cache: cache,
            drivingMix: drivingMix)
        if !pending.isEmpty {
            events(.generated(
                made: pending.count - outcome.failures.count - outcome.notStarted.count, requested: pending.count,
                failed: outcome.failures.count, notStarted: outcome.notStarted.count,
                seconds: Date().timeIntervalSince(started)))
        }
        (plan, buildPlan) = qcPlacingTakes(plan, buildPlan, outcome: outcome)
        var report = makeReport(buildPlan, plan: plan, scriptPath: scriptPath, outcome: outcome, digest: digest)
        let firstFailure = (buildPlan.items + buildPlan.takeItems).first { outcome.failures[$0.segmentID] != nil }
        if let stopper = outcome.stoppedBy {
            try AtomicFile.write(try encode(report), to: settings.reportURL)
            throw AnimaticError(
                .unavailable,
                "\(stopper) failed: \(outcome.failures[stopper] ?? ""); " + stopSummary(outcome)
                    + "no video written; finished segments stay cached "
                    + "(--keep-going puts a failure card in place of a failed segment)")
        }

        var clips = buildPlan.items.map { cache.url(for: $0.key) }
        if !outcome.failures.isEmpty {
            // Said at once, so that a later failure (a card, the editor, a cut list) cannot
            // leave the previous build's report standing for this one.
            try AtomicFile.write(try encode(report), to: settings.reportURL)
            let cards = try await FailureCards(cache: cache).make(
                for: buildPlan.items, failures: outcome.failures, backend: generator.name)
            for (index, item) in buildPlan.items.enumerated() {
                guard let card = cards[item.segmentID] else { continue }
                clips[index] = cache.url(for: card)
                report.segments[index].failureCard = card
            }
            events(.failureCards(segments: buildPlan.items.map(\.segmentID).filter { cards[$0] != nil }))
        }
        let upToDate = currentVideo != nil && pending.isEmpty
        var soundtrack: AudioTrack?
        if upToDate {
            report.video = touchedIfOlder(currentVideo, than: scriptPath, voicing: voicing)
            events(.videoUpToDate(name: settings.outputName))
        } else {
            // Before any output is replaced, the report stops vouching for the old ones: a
            // stop from here until the report is written last makes the next build redo them.
            var invalid = report
            invalid.inputsDigest = ""
            try AtomicFile.write(try encode(invalid), to: settings.reportURL)
            do {
                soundtrack = try voicing.map { try Soundtrack.track(for: plan, voicing: $0, loudness: settings.loudness) }
                try await Editor(format: settings.format).assemble(
                    clips: clips, tracks: Editor.tracks(for: plan, items: buildPlan.items), audio: soundtrack,
                    scratch: cache.scratchDirectory, output: settings.output)
            } catch let error as CancellationError {
                throw error
            } catch {
                throw AnimaticError(.cannotCreate, "cannot write \(settings.outputName): \(error)")
            }
            events(.videoWritten(name: settings.outputName, frames: plan.totalFrames))
            if firstFailure != nil { backdate(settings.output, before: scriptPath) }
            report.video = VideoRecord.of(settings.output)
        }
        report.videoWritten = !upToDate
        try AtomicFile.update(planJSON, at: settings.planURL)
        if !mediaIsUpToDate(videoIsUpToDate: upToDate, buildPlan: buildPlan, previous: previous) {
            if soundtrack == nil, let voicing {
                soundtrack = try Soundtrack.track(for: plan, voicing: voicing, loudness: settings.loudness)
            }
            // Every take beside the picked ones, but a take that failed (under --keep-going) has no clip.
            let takes = buildPlan.takeItems.filter { outcome.failures[$0.segmentID] == nil }
            try MediaExport.export(
                clips: Array(zip(buildPlan.items.map(\.segmentID), clips)) + takes.map { ($0.segmentID, cache.url(for: $0.key)) },
                to: settings.mediaDirectory,
                audio: soundtrack.map { track in
                    (track, buildPlan.items.map { item in
                        (item.segmentID, Soundtrack.samples(item.startFrame, plan)..<Soundtrack.samples(item.startFrame + item.frames, plan))
                    })
                })
        }
        let cutListsStarted = Date()
        let cutLists = try await CutListExport.write(
            plan, settings: settings, inputs: digest,
            keys: Dictionary(zip(buildPlan.items, report.segments).map { ($0.segmentID, $1.failureCard ?? $0.key) }) {
                first, _ in first
            },
            qcNotes: Self.qcNotes(report), cache: cache, clipsVerified: clipsVerified, withAudio: voicing != nil)
        if !cutLists.files.isEmpty {
            events(.cutListsWritten(
                files: cutLists.files, thumbnails: cutLists.thumbnailsGrabbed, pages: cutLists.pagesDrawn,
                seconds: Date().timeIntervalSince(cutListsStarted)))
        }
        // Outputs already holding their bytes are left alone (`AtomicFile.update`).
        try AtomicFile.update(try encode(report), at: settings.reportURL)
        // A manifest that cannot be written only costs the next build its full checks.
        try? cache.saveManifest()
        if let depfile = settings.depfile {
            try AtomicFile.update(depfileData(scriptPath: scriptPath, voicing: voicing), at: depfile)
        }
        if let firstFailure {
            throw AnimaticError(.unavailable, keptGoingMessage(firstFailure, buildPlan: buildPlan, outcome: outcome))
        }
        try qcGate(report)
        return report
    }

    /// What a `--keep-going` build with failures says: a failure card stands in for a
    /// failed segment on the timeline; a failed take is left out of the media.
    private func keptGoingMessage(_ first: BuildPlan.Item, buildPlan: BuildPlan, outcome: GenerationOutcome) -> String {
        let count = outcome.failures.count, reason = outcome.failures[first.segmentID] ?? ""
        let takes = buildPlan.takeItems.count { outcome.failures[$0.segmentID] != nil }
        let media = settings.mediaDirectory.lastPathComponent
        switch (count, takes) {
        case (1, 0): return "\(first.segmentID) failed: \(reason); a failure card stands in for it in \(settings.outputName)"
        case (1, _): return "\(first.segmentID) failed: \(reason); the take is left out of \(media)"
        case (_, 0):
            return "\(count) segments failed; failure cards stand in for them in \(settings.outputName); the first, "
                + "\(first.segmentID): \(reason)"
        case (_, count):
            return "\(count) takes failed and are left out of \(media); the first, \(first.segmentID): \(reason)"
        default:
            return "\(count) segments failed (\(takes) of them takes, left out of \(media)); failure cards stand in for "
                + "the others in \(settings.outputName); the first, \(first.segmentID): \(reason)"
        }
    }

    /// Gives `video` (holding failure cards) a modification time a second before the
    /// script's, so that make, which compares times, builds it again next time and the
    /// failed segments are tried again.
    private func backdate(_ video: URL, before scriptPath: String) {
        let manager = FileManager.default
        guard let scriptTime = (try? manager.attributesOfItem(atPath: scriptPath))?[.modificationDate] as? Date else {
            return
        }
        try? manager.setAttributes([.modificationDate: scriptTime.addingTimeInterval(-1)], ofItemAtPath: video.path)
    }

    /// `1 more segment failed; 2 segments not started; `: what else happened when a failure
    /// stopped the build, or nothing.
    private func stopSummary(_ outcome: GenerationOutcome) -> String {
        let others = outcome.failures.count - 1, unstarted = outcome.notStarted.count
        return (others > 0 ? "\(others) more segment\(others == 1 ? "" : "s") failed; " : "")
            + (unstarted > 0 ? "\(unstarted) segment\(unstarted == 1 ? "" : "s") not started; " : "")
    }

    /// The dependency file: the video depends on its prerequisites.
    func depfileData(scriptPath: String, voicing: Voicing? = nil) -> Data {
        Data(Depfile.text(target: settings.outputName, prerequisites: prerequisites(scriptPath: scriptPath, voicing: voicing)).utf8)
    }

    /// The files the video depends on, as make sees them: the script, the project and review
    /// files, the backend's input files and the sound's (recorded takes, music).
    func prerequisites(scriptPath: String, voicing: Voicing? = nil) -> [String] {
        (scriptPath == ScriptInput.standardInputPath ? [] : [scriptPath])
            + [settings.projectFile, settings.reviewFile].compactMap { $0 } + generator.inputFiles.map(\.path)
            + (voicing?.inputFiles ?? [])
    }

    /// An up-to-date video's record after the build: when a prerequisite is newer than the
    /// video (a script saved without a change that matters), the video is touched so that
    /// make, which compares times, sees it rebuilt, and the record takes its new time;
    /// otherwise it is left alone, so that a no-op changes no file.
    func touchedIfOlder(_ video: VideoRecord?, than scriptPath: String, voicing: Voicing? = nil) -> VideoRecord? {
        guard let video, videoIsOlder(video, than: scriptPath, voicing: voicing) else { return video }
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: settings.output.path)
        return RegularFile.status(settings.output.path).map { VideoRecord(size: video.size, modified: $0.modified, sha256: video.sha256) }
    }

    /// Whether a prerequisite of the video was modified after `video`.
    func videoIsOlder(_ video: VideoRecord, than scriptPath: String, voicing: Voicing? = nil) -> Bool {
        prerequisites(scriptPath: scriptPath, voicing: voicing).contains { path in
            RegularFile.status(path).map { $0.modified > video.modified } ?? false
        }
    }

    /// Whether the video needs no join: nothing to generate, the same inputs as the
    /// previous build, and the video still there. (A build with failures leaves an empty
    /// digest, so its video is never up to date.)
    func videoIsUpToDate(_ buildPlan: BuildPlan, previous: BuildReport?, digest: String) -> Bool {
        buildPlan.toGenerate.isEmpty && currentVideo(previous: previous, digest: digest) != nil
    }

    /// The video the previous build recorded, when it was made from these inputs and the
    /// file is still the one it recorded (not cut short, swapped or edited); else nil.
    func currentVideo(previous: BuildReport?, digest: String) -> VideoRecord? {
        previous?.inputsDigest == digest ? previous?.video?.current(at: settings.output) : nil
    }

    /// Whether the per-segment media need no relinking: the video is up to date, the takes
    /// beside it are those of the previous build, and they are there.
    func mediaIsUpToDate(videoIsUpToDate: Bool, buildPlan: BuildPlan, previous: BuildReport?) -> Bool {
        videoIsUpToDate && previous?.takes.map(\.key) == buildPlan.takeItems.map(\.key)
            && FileManager.default.fileExists(atPath: settings.mediaDirectory.path)
    }

    /// The plan as `film.plan.json` holds it.
    static func planJSON(_ plan: Plan) throws(AnimaticError) -> Data {
        do { return try PlanJSON.encode(plan) + Data("\n".utf8) } catch {
            throw AnimaticError(.internalFailure, "cannot encode the plan as JSON: \(error)")
        }
    }

    /// The SHA-256 of everything the video is made from: the plan, the house format, the
    /// editor, every segment's key and, with sound, what the soundtrack is made of.
    func inputsDigest(planJSON: Data, items: [BuildPlan.Item], sound: String? = nil) -> String {
        SHA256.hex(
            planJSON + Data(([settings.format.encoderSettings, "editor \(Self.editorVersion)"]
                + items.map(\.key) + (sound.map { [$0] } ?? []) + qcDigestLines).joined(separator: "\n").utf8))
    }

    func makeReport(
        _ buildPlan: BuildPlan, plan: Plan, scriptPath: String, outcome: GenerationOutcome, digest: String
    ) -> BuildReport {
        let segments = (buildPlan.items + buildPlan.takeItems).map { item in
            let (status, reason): (BuildReport.Status, String) =
                if let error = outcome.failures[item.segmentID] {
                    (.failed, error)
                } else if outcome.notStarted.contains(item.segmentID) {
                    (.skipped, "not started: the build stopped when \(outcome.stoppedBy ?? "a segment") failed")
                } else if case let .generate(why) = item.action {
                    (.generated, why.description)
                } else {
                    (.reused, "cached")
                }
            return BuildReport.Segment(
                id: item.segmentID, key: item.key, status: status, reason: reason, frames: item.frames,
                startFrame: item.startFrame, generationSeconds: status == .generated ? outcome.seconds[item.segmentID] : nil,
                qc: status == .failed || status == .skipped ? nil : qcRecord(item),
                quality: settings.quality?.quality(of: item.segmentID))
        }
        return BuildReport(
            version: BuildReport.currentVersion, script: scriptPath, output: settings.outputName, backend: generator.name,
            size: settings.size.description, frameRate: plan.frameRate.description, totalFrames: plan.totalFrames,
            inputsDigest: outcome.failures.isEmpty ? digest : "", videoWritten: false,
            generated: segments.count { $0.status == .generated }, reused: segments.count { $0.status == .reused },
            failed: segments.count { $0.status == .failed }, skipped: segments.count { $0.status == .skipped },
            revisedShots: plan.shots.filter { $0.revised != nil }.map(\.id),
            pickedShots: plan.shots.compactMap { shot in shot.picked.map { BuildReport.PickedShot(shot: shot.id, take: $0) } },
            segments: Array(segments.prefix(buildPlan.items.count)), takes: Array(segments.dropFirst(buildPlan.items.count)),
            takeRankings: qcTakeRankings(plan, segments: segments))
    }

    func encode(_ report: BuildReport) throws(AnimaticError) -> Data {
        do { return try report.jsonData() } catch {
            throw AnimaticError(.internalFailure, "cannot encode the build report: \(error)")
        }
    }
}

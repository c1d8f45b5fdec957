import Foundation
import Generation
import Media

extension Builder {
    /// What generating the stale segments came to.
    struct GenerationOutcome {
        /// The error of each segment that failed, by ID.
        var failures: [String: String] = [:]
        /// The failed segment that stopped the build (without `keepGoing`: the first to fail).
        var stoppedBy: String?
        /// The segments not started because a failure stopped the build.
        var notStarted: Set<String> = []
        /// How long the backend took for each segment it made, in seconds, by ID.
        var seconds: [String: Double] = [:]
    }

    /// Generation times from concurrent steps.
    private final class GenerationTimes: @unchecked Sendable {
        private let lock = NSLock()
        private var seconds: [String: Double] = [:]
        func record(_ id: String, _ value: Double) { lock.withLock { seconds[id] = value } }
        var all: [String: Double] { lock.withLock { seconds } }
    }

    /// A segment's failure, in words fit to show (secrets redacted).
    private typealias SegmentFailure = StepExecutor.JobFailure

    /// Generates `items` in plan order, as steps for `StepExecutor`: a generate step per
    /// item, at most `settings.jobs` (and the backend's limit) at the backend at once, and,
    /// for a backend whose files need conforming, a conform step per item in a pool of its
    /// own, so that the backend starts its next segment as soon as it hands one over
    /// instead of idling through its conform. A continuation made from its predecessor's
    /// last frame waits for that clip when this build makes it. Without `keepGoing`, the
    /// first failure stops the starting of new segments: the running ones finish (and stay
    /// cached), the rest are returned as not started.
    ///
    /// With quality control on, each clip gets a QC step after it is in the cache (in a
    /// pool of its own), which may have the backend make it again (`qcStep`); a
    /// continuation waits for it. Each of `reused`, the segments taken from the cache, gets
    /// a QC step too, which reads the clip's cached record (analysing only a clip that has none).
    /// With `drivingMix`, a segment whose request asks for audio gets its stretch as a WAV.
    func generate(
        _ items: [BuildPlan.Item], reused: [BuildPlan.Item] = [], cache: ClipCache, drivingMix: AudioMix? = nil
    ) async throws -> GenerationOutcome {
        let backend = StepExecutor.Pool(
            name: "backend", limit: min(settings.jobs, generator.capabilities.maxParallelJobs ?? .max))
        let conformer = StepExecutor.Pool(name: "conform", limit: settings.jobs)
        let checker = StepExecutor.Pool(name: "qc", limit: settings.jobs)
        // The backend's places, shared by the generate steps and the QC steps' retakes, so
        // that retakes keep to the backend's limit too.
        let slots = ConcurrencyLimiter(limit: backend.limit)
        let analyses = qcPolicy.analyses
        let coverages = Coverages()
        let direct = generator.capabilities.writesHouseFormat
        let times = GenerationTimes()
        var jobs: [StepExecutor.Job] = []
        var clipJob: [String: String] = [:]  // segment key → the job that puts its clip in the cache
        var itemOf: [String: BuildPlan.Item] = [:]  // job ID → its segment
        for item in items {
            let generateID = "generate \(item.segmentID)"
            jobs.append(StepExecutor.Job(
                id: generateID, inputs: item.continues.flatMap { clipJob[$0] }.map { [$0] } ?? [], pool: backend,
                beginsWork: true,
                work: { _ in
                    try await self.generateStep(item, cache: cache, slots: slots, drivingMix: drivingMix, times: times)
                }))
            itemOf[generateID] = item
            clipJob[item.key] = generateID
            if !direct {
                let conformID = "conform \(item.segmentID)"
                jobs.append(StepExecutor.Job(
                    id: conformID, inputs: [generateID], pool: conformer, beginsWork: false,
                    work: { products in
                        guard let raw = products[generateID] else { throw SegmentFailure(description: "no clip to conform") }
                        return try await self.conformStep(item, raw: raw, cache: cache, coverages: coverages)
                    }))
                itemOf[conformID] = item
                clipJob[item.key] = conformID
            }
            if analyses, let clip = clipJob[item.key] {
                let qcID = "qc \(item.segmentID)"
                jobs.append(StepExecutor.Job(
                    id: qcID, inputs: [clip], pool: checker, beginsWork: false,
                    work: { _ in
                        try await self.qcStep(
                            item, cache: cache, coverage: coverages[item.key], made: true, slots: slots, drivingMix: drivingMix)
                    }))
                itemOf[qcID] = item
                clipJob[item.key] = qcID
            }
        }
        for item in reused where analyses {
            jobs.append(StepExecutor.Job(
                id: "qc \(item.segmentID)", inputs: [], pool: checker, beginsWork: false,
                work: { _ in try await self.qcStep(
                    item, cache: cache, coverage: nil, made: false, slots: slots, drivingMix: drivingMix) }))
        }

        var outcome = GenerationOutcome()
        var done = 0
        func finish(_ item: BuildPlan.Item, error: String?) {
            done += 1
            if let error { outcome.failures[item.segmentID] = error }
            // Only stale segments are generated: a reused one never gets here.
            let reason = if case let .generate(reason) = item.action { reason } else { BuildPlan.Reason.new }
            events(.segmentFinished(id: item.segmentID, reason: reason, error: error, done: done, total: items.count))
        }
        let report = try await StepExecutor(stopOnFailure: !settings.keepGoing).run(jobs) { event in
            switch event {
            case let .succeeded(id):
                if let item = itemOf[id], clipJob[item.key] == id { finish(item, error: nil) }
            case let .failed(id, .threw(error)):
                if let item = itemOf[id] { finish(item, error: error) }
            case let .failed(id, .inputFailed(input)):
                // A conform whose generate failed has said so already; a continuation whose
                // predecessor failed has no frame to start from.
                guard let item = itemOf[id], let previous = itemOf[input], previous.key != item.key else { return }
                finish(item, error: "it continues \(previous.segmentID), which failed, so there is no frame to start it from")
            case let .stopped(id):
                if let item = itemOf[id] {
                    outcome.stoppedBy = item.segmentID
                    events(.stopping(failed: item.segmentID))
                }
            }
        }
        outcome.seconds = times.all
        outcome.notStarted = Set(report.notStarted.compactMap { id in
            itemOf[id].flatMap { outcome.failures[$0.segmentID] == nil ? $0.segmentID : nil }
        })
        return outcome
    }

    /// Has the backend make `item`: into the cache when it writes the house format, else
    /// into a raw file in the scratch directory for `conformStep`. A continuation for a
    /// backend that starts from an image gets its predecessor's last frame as a PNG.
    /// Returns the raw file, or nil when the clip is in the cache.
    private func generateStep(
        _ item: BuildPlan.Item, cache: ClipCache, slots: ConcurrencyLimiter, drivingMix: AudioMix?, times: GenerationTimes
    ) async throws -> URL? {
        let direct = generator.capabilities.writesHouseFormat
        let destination =
            direct
            ? cache.url(for: item.key)
            : cache.scratchDirectory.appendingPathComponent("\(item.key)-\(UUID().uuidString).raw")
        do {
            try cache.prepareEntry(item.key)
            let seconds = try await runBackend(
                item.request, of: item, to: destination, cache: cache, slots: slots, drivingMix: drivingMix)
            times.record(item.segmentID, seconds)
        } catch let error as CancellationError {
            if !direct { try? FileManager.default.removeItem(at: destination) }
            throw error
        } catch {
            if !direct { try? FileManager.default.removeItem(at: destination) }
            throw SegmentFailure(description: SecretRedaction.redact("\(error)"))
        }
        guard direct else { return destination }
        if let error = check(item, in: cache) { throw SegmentFailure(description: error) }
        return nil
    }

    /// Has the backend make `request` (for `item`) into `destination`. A continuation for a
    /// backend that starts from an image gets its predecessor's last frame as a PNG.
    private func runBackend(
        _ request: GenerationRequest, of item: BuildPlan.Item, to destination: URL, cache: ClipCache,
        slots: ConcurrencyLimiter, drivingMix: AudioMix?
    ) async throws -> Double {
        let reference = item.continues.map { _ in
            cache.scratchDirectory.appendingPathComponent("\(item.key)-\(UUID().uuidString).png")
        }
        defer { if let reference { try? FileManager.default.removeItem(at: reference) } }
        let audio = item.request.drivingAudioKey.flatMap { _ in drivingMix }.map { _ in
            cache.scratchDirectory.appendingPathComponent("\(item.key)-\(UUID().uuidString).wav")
        }
        defer { if let audio { try? FileManager.default.removeItem(at: audio) } }
        var request = request
        if let previous = item.continues, let reference {
            // Past the predecessor's end (its frames are at most the shot's frames
            // before this segment), FrameGrab takes its last frame.
            let frame = try await FrameGrab.frame(
                cache.url(for: previous), at: item.request.shotStartFrame, width: settings.size.width,
                height: settings.size.height)
            try ImageCodec.png(frame).write(to: reference)
            request.referenceImage = reference
        }
        if let audio, let drivingMix {
            let rate = settings.format.frameRate
            let range = AudioMix.samples(frames: item.startFrame, rate: rate)..<AudioMix.samples(
                frames: item.startFrame + item.frames, rate: rate)
            try drivingMix.writeWAV(range, gain: 0, to: audio)
            request.drivingAudio = audio
        }
        let events = self.events, id = item.segmentID
        return try await slots.withPermit { [request] in
            // Timed inside the permit: the backend's own time, not the wait for a place.
            let started = ContinuousClock.now
            try await GenerationProgress.listening({ events(.segmentProgress(id: id, fraction: $0)) }) {
                try await generator.generate(request, to: destination)
            }
            let spent = (ContinuousClock.now - started).components
            return Double(spent.seconds) + Double(spent.attoseconds) / 1e18
        }
    }

    /// Has the backend make `item` again with `seed`, into `clip` in the house format (a
    /// quality-control retake); returns how much of the segment the backend's own clip
    /// covered (nil when it writes the house format itself).
    func makeClip(
        _ item: BuildPlan.Item, seed: Int, to clip: URL, cache: ClipCache, slots: ConcurrencyLimiter, drivingMix: AudioMix?
    ) async throws -> Double?
    {
        var request = item.request
        request.content.seed = seed
        guard !generator.capabilities.writesHouseFormat else {
            _ = try await runBackend(request, of: item, to: clip, cache: cache, slots: slots, drivingMix: drivingMix)
            return nil
        }
        let raw = cache.scratchDirectory.appendingPathComponent("\(item.key)-\(UUID().uuidString).raw")
        defer { try? FileManager.default.removeItem(at: raw) }
        _ = try await runBackend(request, of: item, to: raw, cache: cache, slots: slots, drivingMix: drivingMix)
        let coverage = coverage(of: raw, frames: item.frames)
        try await Conformer(format: settings.format).conform(raw, frames: item.frames, to: clip)
        return coverage
    }

    /// How much of a `frames`-frame segment the backend's clip `raw` covers: its length
    /// over the segment's (1 when its length cannot be read: the conformer will say why).
    private func coverage(of raw: URL, frames: Int) -> Double {
        guard let info = try? Probe.info(raw), let seconds = info.video?.duration ?? info.duration else { return 1 }
        return seconds / (Double(frames) / settings.format.frameRate.doubleValue)
    }

    /// Conforms the backend's `raw` clip of `item` into the cache and checks the entry;
    /// `raw` is removed either way. Notes how much of the segment `raw` covered for QC.
    private func conformStep(_ item: BuildPlan.Item, raw: URL, cache: ClipCache, coverages: Coverages) async throws
        -> URL?
    {
        defer { try? FileManager.default.removeItem(at: raw) }
        if qcPolicy.analyses { coverages[item.key] = coverage(of: raw, frames: item.frames) }
        do {
            try await Conformer(format: settings.format).conform(raw, frames: item.frames, to: cache.url(for: item.key))
        } catch let error as CancellationError {
            throw error
        } catch {
            throw SegmentFailure(description: SecretRedaction.redact("\(error)"))
        }
        if let error = check(item, in: cache) { throw SegmentFailure(description: error) }
        return nil
    }

    /// Nil when the cache now holds a valid clip for `item`, sealed, else why not (a
    /// corrupt one is removed).
    private func check(_ item: BuildPlan.Item, in cache: ClipCache) -> String? {
        switch cache.admit(item.key, frames: item.frames, format: settings.format) {
        case .valid:
            return nil
        case .missing:
            return "the \(generator.name) backend wrote no clip"
        case let .corrupt(why):
            return "the \(generator.name) backend's clip \(why)"
        }
    }
}

/// How much of its segment each backend clip covered, by segment key: noted by the conform
/// steps for the quality-control steps, which run on other tasks.
final class Coverages: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Double] = [:]

    subscript(key: String) -> Double? {
        get { lock.withLock { values[key] } }
        set { lock.withLock { values[key] = newValue } }
    }
}

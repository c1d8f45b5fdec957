import Foundation
import Planning
import Generation
import Media

extension Builder {
    /// What generating the stale segments came to.
    struct GenerationOutcome {
        /// Why each segment that failed did, by ID.
        var failures: [SegmentID: SegmentFailure] = [:]
        /// The failed segment that stopped the build (without `keepGoing`: the first to fail).
        var stoppedBy: SegmentID?
        /// The segments not started because a failure stopped the build.
        var notStarted: Set<SegmentID> = []
        /// How long the backend took for each segment it made, in seconds, by ID.
        var seconds: [SegmentID: Double] = [:]
    }

    /// The generate step: has the backend make `item`, into the cache: the clip itself when
    /// the backend writes the house format, else the backend's own clip under the item's raw
    /// key, sealed, for `conformStep`. A continuation for a backend that starts from an image
    /// gets its predecessor's last frame as a PNG.
    func generateStep(_ item: BuildPlan.Item, run: BuildRun) async throws -> URL? {
        let cache = run.context.cache
        let destination = item.rawKey.map(cache.rawURL(for:)) ?? cache.url(for: item.key)
        do {
            if let rawKey = item.rawKey { try cache.prepareRaw(rawKey) } else { try cache.prepareEntry(item.key) }
            // A backend writing the house format that draws its frames (the cards) hands
            // QC their measures; a conformed clip is measured by the conform step.
            let (seconds, measures) = try await runBackend(
                item.request, of: item, to: destination, cache: cache, slots: run.slots, drivingMix: run.context.drivingMix,
                analysing: qcPolicy.analyses && item.rawKey == nil)
            run.update { $0.outcome.seconds[item.segmentID] = seconds }
            run.measures[item.key] = measures
            if item.rawKey != nil { try cache.seal(destination) }
        } catch let error as CancellationError {
            if item.rawKey != nil { cache.discard(destination) }
            throw error
        } catch {
            if item.rawKey != nil { cache.discard(destination) }
            throw SegmentFailure(error)
        }
        if item.rawKey == nil, let error = check(item, in: cache) { throw SegmentFailure(.badClip, message: error) }
        return nil
    }

    /// Has the backend make `request` (for `item`) into `destination`, and says how long it
    /// took and, with `analysing`, QC's measures of the frames when the backend had them in
    /// hand. A continuation for a backend that starts from an image gets its predecessor's
    /// last frame as a PNG.
    private func runBackend(
        _ request: GenerationRequest, of item: BuildPlan.Item, to destination: URL, cache: ClipCache,
        slots: ConcurrencyLimiter, drivingMix: AudioMix?, analysing: Bool = false
    ) async throws -> (seconds: Double, measures: ClipMeasures?) {
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
            let measures = try await GenerationProgress.listening({ events(.segmentProgress(id: id, fraction: $0)) }) {
                try await generator.generate(request, to: destination, analysing: analysing)
            }
            let spent = (ContinuousClock.now - started).components
            return (Double(spent.seconds) + Double(spent.attoseconds) / 1e18, measures)
        }
    }

    /// Has the backend make `item` again with `seed`, into `clip` in the house format (a
    /// quality-control retake); returns how much of the segment the backend's own clip
    /// covered (nil when it writes the house format itself) and QC's measures of the
    /// frames as they were encoded (nil when the backend encoded them out of sight).
    func makeClip(
        _ item: BuildPlan.Item, seed: Int, to clip: URL, cache: ClipCache, slots: ConcurrencyLimiter, drivingMix: AudioMix?
    ) async throws -> (coverage: Double?, measures: ClipMeasures?)
    {
        var request = item.request
        request.content.seed = seed
        guard !generator.capabilities.writesHouseFormat else {
            let made = try await runBackend(
                request, of: item, to: clip, cache: cache, slots: slots, drivingMix: drivingMix, analysing: true)
            return (nil, made.measures)
        }
        let raw = cache.scratchDirectory.appendingPathComponent("\(item.key)-\(UUID().uuidString).raw")
        defer { try? FileManager.default.removeItem(at: raw) }
        _ = try await runBackend(request, of: item, to: raw, cache: cache, slots: slots, drivingMix: drivingMix)
        let coverage = coverage(of: raw, frames: item.frames)
        let measures = try await Conformer(format: settings.format).conform(
            raw, frames: item.frames, to: clip, analysing: true)
        return (coverage, measures)
    }

    /// How much of a `frames`-frame segment the backend's clip `raw` covers: its length
    /// over the segment's (1 when its length cannot be read: the conformer will say why).
    private func coverage(of raw: URL, frames: Int) -> Double {
        guard let info = try? Probe.info(raw), let seconds = info.video?.duration ?? info.duration else { return 1 }
        return seconds / (Double(frames) / settings.format.frameRate.doubleValue)
    }

    /// The conform step: conforms the backend's clip of `item` (cached under its raw key)
    /// into the cache and checks the entry; notes for QC how much of the segment the
    /// backend's clip covered and the measures of the conformed frames, taken as they
    /// were encoded. A backend clip that cannot be conformed is discarded, so that the
    /// next build asks the backend again.
    func conformStep(_ item: BuildPlan.Item, run: BuildRun) async throws -> URL? {
        let cache = run.context.cache
        guard let rawKey = item.rawKey else { throw SegmentFailure(.other, message: "no backend clip to conform") }
        let raw = cache.rawURL(for: rawKey)
        if qcPolicy.analyses { run.coverages[item.key] = coverage(of: raw, frames: item.frames) }
        do {
            try cache.prepareEntry(item.key)
            run.measures[item.key] = try await Conformer(format: settings.format).conform(
                raw, frames: item.frames, to: cache.url(for: item.key), analysing: qcPolicy.analyses)
        } catch let error as CancellationError {
            throw error
        } catch {
            cache.discard(raw)
            throw SegmentFailure(error, fallback: .badClip)
        }
        if let error = check(item, in: cache) {
            cache.discard(raw)
            throw SegmentFailure(.badClip, message: error)
        }
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

/// What the generate and conform steps note about each clip they made, by segment key, for
/// the quality-control steps, which run on other tasks.
final class ClipNotes<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [ClipKey: Value] = [:]

    subscript(key: ClipKey) -> Value? {
        get { lock.withLock { values[key] } }
        set { lock.withLock { values[key] = newValue } }
    }
}

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
    }

    /// A step of one segment's generation, as its task reports it.
    private enum Step: Sendable {
        /// The backend is done with `item`: its raw clip (when it needs conforming) or its error.
        case generated(BuildPlan.Item, raw: URL?, error: String?)
        /// `item` is in the cache, or failed with `error`.
        case finished(BuildPlan.Item, error: String?)
    }

    /// Generates `items` in plan order: at most `settings.jobs` (and the backend's limit)
    /// at the backend at once and, apart from them, at most `settings.jobs` conforming, so
    /// that the backend starts its next segment as soon as it hands one over instead of
    /// idling through its conform. Without `keepGoing`, the first failure stops the
    /// starting of new segments: the running ones finish (and stay cached), the rest are
    /// returned as not started.
    /// With `drivingMix`, a segment whose request asks for audio gets its stretch as a WAV.
    func generate(_ items: [BuildPlan.Item], cache: ClipCache, drivingMix: AudioMix? = nil) async throws -> GenerationOutcome {
        let backendLimit = min(settings.jobs, generator.capabilities.maxParallelJobs ?? .max)
        let conformLimit = settings.jobs
        var outcome = GenerationOutcome()
        var done = 0
        // For continuations made from their predecessor's last frame: which keys this build
        // makes, which it has made, and which failed (by segment ID).
        let pendingKeys = Set(items.map(\.key))
        var madeKeys: Set<String> = [], failedKeys: [String: String] = [:]
        var waitingToConform: [(BuildPlan.Item, URL)] = []
        defer { for (_, raw) in waitingToConform { try? FileManager.default.removeItem(at: raw) } }
        try await withThrowingTaskGroup(of: Step.self) { group in
            var queue = items
            var atBackend = 0, conforming = 0
            /// Starts the next segments in plan order, passing over a continuation whose
            /// predecessor is still being made (it starts once that one is in the cache).
            func startGenerating() {
                var index = 0
                while atBackend < backendLimit, outcome.stoppedBy == nil, index < queue.count {
                    let item = queue[index]
                    if let previous = item.continues, pendingKeys.contains(previous), !madeKeys.contains(previous) {
                        if let failed = failedKeys[previous] {
                            queue.remove(at: index)
                            finish(item, error: "it continues \(failed), which failed, so there is no frame to start it from")
                        } else {
                            index += 1
                        }
                        continue
                    }
                    queue.remove(at: index)
                    atBackend += 1
                    group.addTask { try await self.generateStep(item, cache: cache, drivingMix: drivingMix) }
                }
            }
            func startConforming() {
                while conforming < conformLimit, !waitingToConform.isEmpty {
                    let (item, raw) = waitingToConform.removeFirst()
                    conforming += 1
                    group.addTask { try await self.conformStep(item, raw: raw, cache: cache) }
                }
            }
            func finish(_ item: BuildPlan.Item, error: String?) {
                done += 1
                if let error {
                    outcome.failures[item.segmentID] = error
                    failedKeys[item.key] = item.segmentID
                } else {
                    madeKeys.insert(item.key)
                }
                let reason = if case let .generate(reason) = item.action { reason.description } else { "cached" }
                events(.segmentFinished(id: item.segmentID, reason: reason, error: error, done: done, total: items.count))
                if error != nil, !settings.keepGoing, outcome.stoppedBy == nil {
                    outcome.stoppedBy = item.segmentID
                    events(.stage("stopping: \(item.segmentID) failed; no new segment starts, the running ones finish"))
                }
            }

            startGenerating()
            while let step = try await group.next() {
                switch step {
                case let .generated(item, raw, error):
                    atBackend -= 1
                    if let raw {
                        waitingToConform.append((item, raw))
                    } else {
                        finish(item, error: error ?? check(item, in: cache))
                    }
                case let .finished(item, error):
                    conforming -= 1
                    finish(item, error: error)
                }
                startConforming()
                startGenerating()
            }
            outcome.notStarted = Set(queue.map(\.segmentID))
        }
        return outcome
    }

    /// Has the backend make `item`: into the cache when it writes the house format, else
    /// into a raw file in the scratch directory for `conformStep`. A continuation for a
    /// backend that starts from an image gets its predecessor's last frame as a PNG.
    private func generateStep(_ item: BuildPlan.Item, cache: ClipCache, drivingMix: AudioMix?) async throws -> Step {
        let direct = generator.capabilities.writesHouseFormat
        let destination =
            direct
            ? cache.url(for: item.key)
            : cache.scratchDirectory.appendingPathComponent("\(item.key)-\(UUID().uuidString).raw")
        let reference = item.continues.map { _ in
            cache.scratchDirectory.appendingPathComponent("\(item.key)-\(UUID().uuidString).png")
        }
        defer { if let reference { try? FileManager.default.removeItem(at: reference) } }
        let audio = item.request.drivingAudioKey.flatMap { _ in drivingMix }.map { _ in
            cache.scratchDirectory.appendingPathComponent("\(item.key)-\(UUID().uuidString).wav")
        }
        defer { if let audio { try? FileManager.default.removeItem(at: audio) } }
        do {
            try cache.prepareEntry(item.key)
            var request = item.request
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
            try await generator.generate(request, to: destination)
        } catch let error as CancellationError {
            if !direct { try? FileManager.default.removeItem(at: destination) }
            throw error
        } catch {
            if !direct { try? FileManager.default.removeItem(at: destination) }
            return .generated(item, raw: nil, error: SecretRedaction.redact("\(error)"))
        }
        return .generated(item, raw: direct ? nil : destination, error: nil)
    }

    /// Conforms the backend's `raw` clip of `item` into the cache and checks the entry;
    /// `raw` is removed either way.
    private func conformStep(_ item: BuildPlan.Item, raw: URL, cache: ClipCache) async throws -> Step {
        defer { try? FileManager.default.removeItem(at: raw) }
        do {
            try await Conformer(format: settings.format).conform(raw, frames: item.frames, to: cache.url(for: item.key))
        } catch let error as CancellationError {
            throw error
        } catch {
            return .finished(item, error: SecretRedaction.redact("\(error)"))
        }
        return .finished(item, error: check(item, in: cache))
    }

    /// Nil when the cache now holds a valid clip for `item`, else why not (a corrupt one
    /// is removed).
    private func check(_ item: BuildPlan.Item, in cache: ClipCache) -> String? {
        switch cache.state(of: item.key, frames: item.frames, format: settings.format) {
        case .valid:
            return nil
        case .missing:
            return "the \(generator.name) backend wrote no clip"
        case let .corrupt(why):
            try? FileManager.default.removeItem(at: cache.url(for: item.key))
            return "the \(generator.name) backend's clip \(why)"
        }
    }
}

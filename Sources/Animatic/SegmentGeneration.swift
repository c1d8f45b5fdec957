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

    /// How one segment's generation ended.
    enum SegmentResult: Sendable {
        case made
        case failed(String)
        /// A failure elsewhere stopped the build before this segment reached the backend.
        case notStarted
    }

    /// The build's two limits, segments being generated and segments being conformed, and
    /// the signal that a failure has stopped the build.
    struct Stages: Sendable {
        var generating: ConcurrencyLimiter
        var conforming: ConcurrencyLimiter
        var stop = StopSignal()
    }

    /// Set once, by the first failure of a build that does not keep going; read by every
    /// segment as it gets its place at the backend.
    final class StopSignal: @unchecked Sendable {
        private let lock = NSLock()
        private var stopped = false

        var isSet: Bool { lock.withLock { stopped } }

        func set() { lock.withLock { stopped = true } }
    }

    /// Generates `items`: at most `settings.jobs` (and the backend's limit) generating at
    /// once and, apart from them, at most `settings.jobs` conforming, so that the backend
    /// starts its next segment as soon as one is made instead of idling through its
    /// conform. Without `keepGoing`, the first failure stops the starting of new segments:
    /// the running ones finish (and stay cached), the rest are returned as not started.
    func generate(_ items: [BuildPlan.Item], cache: ClipCache) async throws -> GenerationOutcome {
        let stages = Stages(
            generating: ConcurrencyLimiter(limit: min(settings.jobs, generator.capabilities.maxParallelJobs ?? .max)),
            conforming: ConcurrencyLimiter(limit: settings.jobs))
        var outcome = GenerationOutcome()
        var done = 0
        try await withThrowingTaskGroup(of: (BuildPlan.Item, SegmentResult).self) { group in
            var queue = items[...]
            func startNext() {
                guard !stages.stop.isSet, let item = queue.popFirst() else { return }
                group.addTask { (item, try await self.generate(item, cache: cache, stages: stages)) }
            }
            // Enough segments in flight that one waits for the backend whenever the others conform.
            for _ in 0..<(stages.generating.limit + stages.conforming.limit) { startNext() }
            while let (item, result) = try await group.next() {
                switch result {
                case .notStarted:
                    outcome.notStarted.insert(item.segmentID)
                case .made, .failed:
                    done += 1
                    let error: String? = if case let .failed(error) = result { error } else { nil }
                    if let error { outcome.failures[item.segmentID] = error }
                    let reason = if case let .generate(reason) = item.action { reason.description } else { "cached" }
                    events(.segmentFinished(id: item.segmentID, reason: reason, error: error, done: done, total: items.count))
                    if error != nil, !settings.keepGoing, outcome.stoppedBy == nil {
                        outcome.stoppedBy = item.segmentID
                        events(.stage("stopping: \(item.segmentID) failed; no new segment starts, the running ones finish"))
                    }
                }
                startNext()
            }
            outcome.notStarted.formUnion(queue.map(\.segmentID))
        }
        return outcome
    }

    /// Generates one segment into the cache (conforming it unless the backend writes the
    /// house format) and checks the entry. A segment that gets its place at the backend
    /// after a failure stopped the build is not started.
    private func generate(_ item: BuildPlan.Item, cache: ClipCache, stages: Stages) async throws -> SegmentResult {
        let destination = cache.url(for: item.key)
        let generator = self.generator, stop = stages.stop, keepGoing = settings.keepGoing
        /// Runs `make` at the backend unless the build has stopped; a failure stops it.
        func atBackend(_ make: @escaping @Sendable () async throws -> Void) async throws -> Bool {
            try await stages.generating.withPermit {
                if stop.isSet { return false }
                do { try await make() } catch is CancellationError { throw CancellationError() } catch {
                    if !keepGoing { stop.set() }
                    throw error
                }
                return true
            }
        }
        let result: SegmentResult
        do {
            try cache.prepareEntry(item.key)
            if generator.capabilities.writesHouseFormat {
                guard try await atBackend({ try await generator.generate(item.request, to: destination) }) else {
                    return .notStarted
                }
            } else {
                let raw = cache.scratchDirectory.appendingPathComponent("\(item.key)-\(UUID().uuidString).raw")
                defer { try? FileManager.default.removeItem(at: raw) }
                guard try await atBackend({ try await generator.generate(item.request, to: raw) }) else {
                    return .notStarted
                }
                let conformer = Conformer(format: settings.format)
                try await stages.conforming.withPermit {
                    try await conformer.conform(raw, frames: item.frames, to: destination)
                }
            }
            result = check(item, in: cache)
        } catch let error as CancellationError {
            throw error
        } catch {
            result = .failed(SecretRedaction.redact("\(error)"))
        }
        if case .failed = result, !keepGoing { stop.set() }
        return result
    }

    /// Whether the cache now holds a valid clip for `item`; a corrupt one is removed.
    private func check(_ item: BuildPlan.Item, in cache: ClipCache) -> SegmentResult {
        switch cache.state(of: item.key, frames: item.frames, format: settings.format) {
        case .valid:
            return .made
        case .missing:
            return .failed("the \(generator.name) backend wrote no clip")
        case let .corrupt(why):
            try? FileManager.default.removeItem(at: cache.url(for: item.key))
            return .failed("the \(generator.name) backend's clip \(why)")
        }
    }
}

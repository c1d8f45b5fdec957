import Foundation
import Generation

/// A backend passed through unchanged, with the start and end of every call noted: the
/// benchmark puts it between the scheduler and the real backend to tell the backend's own
/// time (the task's latency plus its protocol) from the scheduler's gaps between calls.
final class TimedBackend: Generator, @unchecked Sendable {
    let backend: any Generator
    private let lock = NSLock()
    private var calls: [(start: ContinuousClock.Instant, end: ContinuousClock.Instant)] = []

    init(_ backend: any Generator) {
        self.backend = backend
    }

    var name: String { backend.name }
    var settings: String { backend.settings }
    var capabilities: GeneratorCapabilities { backend.capabilities }
    var inputFiles: [URL] { backend.inputFiles }

    func generate(_ request: GenerationRequest, to destination: URL) async throws {
        let start = ContinuousClock.now
        defer {
            let end = ContinuousClock.now
            lock.withLock { calls.append((start, end)) }
        }
        try await backend.generate(request, to: destination)
    }

    /// The mean time of a call, in seconds.
    var meanCall: Double {
        let calls = lock.withLock { self.calls }
        return calls.map { ($0.end - $0.start).seconds }.reduce(0, +) / Double(max(1, calls.count))
    }

    /// The mean time from a call's end to the start of the call that took its place (every
    /// call after the first `concurrency`), in seconds: how long the scheduler left a free
    /// place unused while segments were waiting.
    func meanHandoff(concurrency: Int) -> Double {
        let calls = lock.withLock { self.calls }
        var starts = calls.map(\.start).sorted().dropFirst(concurrency)
        var gaps: [Double] = []
        for end in calls.map(\.end).sorted() {
            guard let next = starts.firstIndex(where: { $0 >= end }) else { break }
            gaps.append((starts[next] - end).seconds)
            starts.remove(at: next)
        }
        return gaps.reduce(0, +) / Double(max(1, gaps.count))
    }
}

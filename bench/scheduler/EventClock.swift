import Animatic
import Foundation

/// The times of a build's events: when it had planned, and when each segment finished.
final class EventClock: @unchecked Sendable {
    private let lock = NSLock()
    private var planned: ContinuousClock.Instant?
    private var lastFinished: ContinuousClock.Instant?
    private var failures: [String] = []

    /// Notes `event`'s time.
    func record(_ event: BuildEvent) {
        let now = ContinuousClock.now
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .planned: planned = now
        case let .segmentFinished(id, _, error, _, _):
            lastFinished = now
            if let error { failures.append("\(id): \(error)") }
        default: break
        }
    }

    /// From the plan to the last segment's end (the generation stage), in seconds.
    var generationSeconds: Double {
        lock.lock()
        defer { lock.unlock() }
        guard let planned, let lastFinished else { return 0 }
        return (lastFinished - planned).seconds
    }

    /// The segments that failed, with their errors.
    var failed: [String] {
        lock.lock()
        defer { lock.unlock() }
        return failures
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}

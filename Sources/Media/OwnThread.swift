import Foundation

/// Set when the task awaiting work on its own thread is cancelled.
final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    func cancel() { lock.withLock { cancelled = true } }
    var isCancelled: Bool { lock.withLock { cancelled } }

    /// The key under which a thread running media work keeps its flag.
    static let threadKey = "animatic.media.cancellation"
}

/// Throws `CancellationError` when the current task has been cancelled, or, on a thread
/// started by `runOnOwnThread`, when the task awaiting it has been.
func checkCancellation() throws {
    if Task.isCancelled { throw CancellationError() }
    if let flag = Thread.current.threadDictionary[CancellationFlag.threadKey] as? CancellationFlag, flag.isCancelled {
        throw CancellationError()
    }
}

/// Runs blocking FFmpeg work on a thread of its own, so that awaiting it does not hold one
/// of the few threads of Swift's cooperative pool for seconds; cancelling the awaiting
/// task cancels the work between two frames or packets.
func runOnOwnThread<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
    let flag = CancellationFlag()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
            let thread = Thread {
                Thread.current.threadDictionary[CancellationFlag.threadKey] = flag
                continuation.resume(with: Swift.Result(catching: work))
            }
            thread.start()
        }
    } onCancel: {
        flag.cancel()
    }
}

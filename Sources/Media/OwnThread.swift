import Foundation

/// Set when the task awaiting work on its own thread is cancelled.
final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    func cancel() { lock.withLock { cancelled = true } }
    var isCancelled: Bool { lock.withLock { cancelled } }

    /// The flag of the calling thread, when `runOnOwnThread` started it. Read at every packet
    /// (hundreds of thousands a feature's join): a thread-specific pointer, where a lookup in
    /// Foundation's thread dictionary cost a bridged key and a dynamic cast each time.
    static var current: CancellationFlag? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        return Unmanaged<CancellationFlag>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Runs `body` with `self` as the calling thread's flag.
    func installed<T>(_ body: () throws -> T) rethrows -> T {
        pthread_setspecific(Self.key, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(Self.key, nil) }
        return try withExtendedLifetime(self) { try body() }
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
}

/// Throws `CancellationError` when the current task has been cancelled, or, on a thread
/// started by `runOnOwnThread`, when the task awaiting it has been.
func checkCancellation() throws {
    if Task.isCancelled { throw CancellationError() }
    if let flag = CancellationFlag.current, flag.isCancelled {
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
                continuation.resume(with: flag.installed { Swift.Result(catching: work) })
            }
            thread.start()
        }
    } onCancel: {
        flag.cancel()
    }
}

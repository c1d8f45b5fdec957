import Foundation

/// Runs `first` and `second` at once, on two threads, and returns both results; when
/// either throws, throws the first one's error, else the second's (after both have ended).
func sideBySide<A: Sendable, B: Sendable>(
    _ first: @Sendable () throws -> A, and second: @Sendable () throws -> B
) throws -> (A, B) {
    let results = SideBySideResults<A, B>()
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 { results.setFirst(Result(catching: first)) } else { results.setSecond(Result(catching: second)) }
    }
    return try results.get()
}

/// The two results `sideBySide` waits for, behind a lock.
private final class SideBySideResults<A: Sendable, B: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Result<A, any Error>?
    private var second: Result<B, any Error>?

    func setFirst(_ result: Result<A, any Error>) { lock.withLock { first = result } }
    func setSecond(_ result: Result<B, any Error>) { lock.withLock { second = result } }

    func get() throws -> (A, B) {
        let (first, second) = lock.withLock { (self.first, self.second) }
        guard let first, let second else { preconditionFailure("sideBySide ended before both ran") }
        return (try first.get(), try second.get())
    }
}

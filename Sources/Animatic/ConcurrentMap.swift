import Foundation

/// `transform` of every index in `0..<count`, the calls spread over the cores
/// (`DispatchQueue.concurrentPerform`), the results in index order.
func concurrentMap<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    let slots = Slots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in slots.set(index, transform(index)) }
    return slots.values
}

/// Runs `first` and `second` at once, on two threads, and returns both results; when
/// either throws, throws the first one's error, else the second's (after both have ended).
func sideBySide<A: Sendable, B: Sendable>(
    _ first: @Sendable () throws -> A, and second: @Sendable () throws -> B
) throws -> (A, B) {
    let results = concurrentMap(2) { index in
        index == 0 ? Either<A, B>.first(Result(catching: first)) : .second(Result(catching: second))
    }
    guard case let .first(a) = results[0], case let .second(b) = results[1] else {
        preconditionFailure("concurrentMap returned its results out of order")
    }
    return (try a.get(), try b.get())
}

/// One of `sideBySide`'s two results.
private enum Either<A: Sendable, B: Sendable>: Sendable {
    case first(Result<A, any Error>)
    case second(Result<B, any Error>)
}

/// The results the threads of `concurrentMap` write, each to its own index, behind a lock.
private final class Slots<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) { lock.withLock { slots[index] = value } }

    /// Every slot's value; called once every iteration has set its own.
    var values: [T] { lock.withLock { slots.map { $0! } } }
}

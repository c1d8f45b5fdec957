import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into cancelling a task, so Ctrl-C stops a build cleanly: the
/// signals are ignored by default handling and watched with dispatch sources instead.
public final class InterruptTrap: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []
    private var received: Int32?

    /// A trap that is not yet watching.
    public init() {}

    /// The first signal received, if any.
    public var signal: Int32? { lock.withLock { received } }

    /// The exit status for the signal received: 128 plus its number (130 for SIGINT, 143
    /// for SIGTERM).
    public var exitStatus: Int32? { signal.map { 128 + $0 } }

    /// Watches SIGINT and SIGTERM and calls `onSignal` (once per signal received).
    public func watch(_ onSignal: @escaping @Sendable () -> Void) {
        for number in [SIGINT, SIGTERM] {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                lock.withLock { if received == nil { received = number } }
                onSignal()
            }
            source.resume()
            lock.withLock { sources.append(source) }
        }
    }
}

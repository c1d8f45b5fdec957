/// How a backend tells the build how far along a request is, without a parameter on
/// `Generator.generate`: the build sets `report` around each request, the backend calls
/// `GenerationProgress.send(_:)` with fractions as its model says them (a worker's
/// `progress` line, a ComfyUI `progress` message). Task-local, so it follows the request
/// through the scheduler's retries and time limit into the backend.
public enum GenerationProgress {
    /// Whoever listens: a class around the closure, because Swift 6.3's optimiser
    /// miscompiles binding a task-local of function type (a release build crashed in
    /// `swift_task_localValuePush` on the first request).
    public final class Listener: Sendable {
        let receive: @Sendable (Double) -> Void

        /// A listener calling `receive` with each fraction.
        public init(_ receive: @escaping @Sendable (Double) -> Void) {
            self.receive = receive
        }
    }

    /// Receives the fraction (0…1) of the current request done; nil when nobody listens.
    @TaskLocal public static var report: Listener?

    /// Passes `fraction`, clamped to 0…1, to whoever listens.
    public static func send(_ fraction: Double) {
        guard fraction.isFinite else { return }
        report?.receive(min(1, max(0, fraction)))
    }
}

/// How a backend tells the build how far along a request is, without a parameter on
/// `Generator.generate`: the build listens around each request (`listening`), the backend
/// calls `GenerationProgress.send(_:)` with fractions as its model says them (a worker's
/// `progress` line, a ComfyUI `progress` message). Task-local, so it follows the request
/// through the scheduler's retries and time limit into the backend.
public enum GenerationProgress {
    /// Who receives the fractions. A struct, not a bare closure: with an optional function
    /// type as the task-local value, the release build (Swift 6.3.1) crashed in
    /// `swift_task_localValuePush` at the first request.
    public struct Listener: Sendable {
        let receive: @Sendable (Double) -> Void
    }

    /// Receives the fraction (0…1) of the current request done; nil when nobody listens.
    @TaskLocal static var listener: Listener?

    /// Runs `operation` with `receive` getting the fractions its backend requests send.
    public static func listening<Result>(
        _ receive: @escaping @Sendable (Double) -> Void, during operation: () async throws -> Result
    ) async rethrows -> Result {
        try await $listener.withValue(Listener(receive: receive), operation: operation)
    }

    /// Passes `fraction`, clamped to 0…1, to whoever listens.
    public static func send(_ fraction: Double) {
        guard fraction.isFinite else { return }
        listener?.receive(min(1, max(0, fraction)))
    }
}

/// How a backend tells the build how far along a request is, without a parameter on
/// `Generator.generate`: the build sets `report` around each request, the backend calls
/// `GenerationProgress.send(_:)` with fractions as its model says them (a worker's
/// `progress` line, a ComfyUI `progress` message). Task-local, so it follows the request
/// through the scheduler's retries and time limit into the backend.
public enum GenerationProgress {
    /// Receives the fraction (0…1) of the current request done; nil when nobody listens.
    @TaskLocal public static var report: (@Sendable (Double) -> Void)?

    /// Passes `fraction`, clamped to 0…1, to whoever listens.
    public static func send(_ fraction: Double) {
        guard fraction.isFinite else { return }
        report?(min(1, max(0, fraction)))
    }
}

/// How the scheduler and the polling backends wait: injectable, so that tests can record
/// the waits instead of sitting through them.
public struct Sleeper: Sendable {
    /// Waits `duration`; throws `CancellationError` when the task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void

    /// A sleeper that waits with `sleep`.
    public init(_ sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.sleep = sleep
    }

    /// Real waits on the continuous clock.
    public static let continuous = Sleeper { try await Task.sleep(for: $0) }
}

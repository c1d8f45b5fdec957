/// Runs `operation`, cancelling it when `limit` passes first (on the continuous clock) and
/// then throwing `timedOut()`. Waits for the cancelled operation to finish cleaning up
/// before it returns or throws. No limit when `limit` is nil.
func withDeadline<Result: Sendable>(
    _ limit: Duration?, timedOut: @escaping @Sendable () -> any Error,
    _ operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    guard let limit else { return try await operation() }
    return try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        // The first child to finish decides: the operation's result or error, or the time-out.
        guard let first = try await group.next(), let result = first else {
            try Task.checkCancellation()
            throw timedOut()
        }
        return result
    }
}

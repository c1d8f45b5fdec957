/// At most `limit` jobs at once: the rest wait, first come first served, for a job to end.
///
/// One limiter per backend; every job of that backend goes through `withPermit`. A job
/// cancelled while it waits leaves the queue at once with `CancellationError`.
public actor ConcurrencyLimiter {
    /// The most jobs that run at once.
    public nonisolated let limit: Int
    /// Jobs running now.
    public private(set) var running = 0
    /// The most jobs that have run at once so far.
    public private(set) var peak = 0
    private var waiters: [(ticket: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextTicket = 0

    /// A limiter of `limit` jobs at once (at least 1).
    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `job` once fewer than `limit` jobs are running, and frees its place when it
    /// ends, however it ends.
    public nonisolated func withPermit<Result: Sendable>(
        _ job: @Sendable () async throws -> Result
    ) async throws -> Result {
        try await acquire()
        do {
            let result = try await job()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async throws {
        try Task.checkCancellation()
        if running < limit {
            running += 1
            peak = max(peak, running)
            return
        }
        let ticket = nextTicket
        nextTicket += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters.append((ticket, continuation))
            }
        } onCancel: {
            Task { await self.abandon(ticket) }
        }
    }

    /// Hands the place to the first waiter, or frees it.
    private func release() {
        if waiters.isEmpty {
            running -= 1
        } else {
            waiters.removeFirst().continuation.resume()
        }
    }

    /// Takes a cancelled waiter out of the queue, if it is still waiting.
    private func abandon(_ ticket: Int) {
        guard let index = waiters.firstIndex(where: { $0.ticket == ticket }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}

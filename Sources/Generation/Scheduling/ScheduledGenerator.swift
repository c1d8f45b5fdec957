import Foundation
import Media
import Planning

/// A backend run the way a build must run it: at most `limiter.limit` segments at once,
/// transient failures retried by `policy` (backoff with jitter, `Retry-After` obeyed),
/// permanent ones thrown at once, and each segment given `segmentTimeLimit` in all.
///
/// Cancelling the calling task cancels the running attempt (the backend stops polling or
/// kills its process and removes its partial files) and any wait.
public struct ScheduledGenerator: Generator {
    /// The backend that makes the clips.
    public let backend: any Generator
    /// When to try again.
    public let policy: RetryPolicy
    /// The backend's concurrency limit, shared by every segment it makes.
    public let limiter: ConcurrencyLimiter
    /// The most time one segment may take, retries and waits included, once it has its
    /// place in the limiter; nil for no limit.
    public let segmentTimeLimit: Duration?
    /// How the waits between attempts are made.
    public let sleeper: Sleeper
    /// A random number in 0…1 for the jitter.
    public let random: @Sendable () -> Double
    /// Called before each wait for a retry, with the segment, the error and the wait.
    public let onRetry: @Sendable (_ segmentID: SegmentID, _ error: BackendError, _ delay: Duration) -> Void

    /// `backend` scheduled with `policy`, at most `limit` segments at once (by default the
    /// backend's `maxParallelJobs`, else the processor count).
    public init(
        backend: any Generator, policy: RetryPolicy = RetryPolicy(), limit: Int? = nil,
        segmentTimeLimit: Duration? = .seconds(1800), sleeper: Sleeper = .continuous,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        onRetry: @escaping @Sendable (_ segmentID: SegmentID, _ error: BackendError, _ delay: Duration) -> Void = {
            _, _, _ in
        }
    ) {
        self.backend = backend
        self.policy = policy
        self.limiter = ConcurrencyLimiter(
            limit: limit ?? backend.capabilities.maxParallelJobs ?? ProcessInfo.processInfo.activeProcessorCount)
        self.segmentTimeLimit = segmentTimeLimit
        self.sleeper = sleeper
        self.random = random
        self.onRetry = onRetry
    }

    /// The backend's name.
    public var name: String { backend.name }
    /// The backend's settings: scheduling does not shape pixels.
    public var settings: String { backend.settings }
    /// The backend's: retries are not charged ahead.
    public func charge(for request: GenerationRequest) -> RequestCharge? { backend.charge(for: request) }
    /// The backend's.
    public func startsFromImage(_ request: GenerationRequest) -> Bool { backend.startsFromImage(request) }
    /// The backend's.
    public func keyMaterial(for request: GenerationRequest) throws -> Data { try backend.keyMaterial(for: request) }
    /// The backend's capabilities, with the limiter's limit as the parallel jobs.
    public var capabilities: GeneratorCapabilities {
        var capabilities = backend.capabilities
        capabilities.maxParallelJobs = limiter.limit
        return capabilities
    }
    /// The backend's input files.
    public var inputFiles: [URL] { backend.inputFiles }

    /// Makes the clip, retrying transient failures; throws the last `BackendError` (with
    /// its attempt count) when attempts run out or a failure is permanent, a time-out as
    /// `BackendFailure.timedOut`, and `CancellationError` when cancelled.
    public func generate(_ request: GenerationRequest, to destination: URL) async throws {
        _ = try await generate(request, to: destination, analysing: false)
    }

    /// Makes the clip as `generate(_:to:)` does, with the backend's measures of it when it
    /// has them.
    public func generate(_ request: GenerationRequest, to destination: URL, analysing: Bool) async throws
        -> ClipMeasures?
    {
        let backendName = backend.name
        let limit = segmentTimeLimit
        return try await limiter.withPermit {
            try await withDeadline(
                limit,
                timedOut: {
                    BackendError(
                        backend: backendName, operation: "generate \(request.segmentID)",
                        failure: .timedOut(seconds: limit?.seconds ?? 0), isPermanent: false)
                }
            ) {
                try await attempts(request, to: destination, analysing: analysing)
            }
        }
    }

    /// Tries until the clip is made: other transient failures up to `policy.maxAttempts`
    /// attempts, throttling for as long as `policy.patience` allows (in waits), each wait
    /// backing off with jitter and never shorter than the service's `Retry-After`.
    private func attempts(_ request: GenerationRequest, to destination: URL, analysing: Bool) async throws
        -> ClipMeasures?
    {
        var attempt = 0, counted = 0
        var waitedOnThrottling = Duration.zero
        while true {
            attempt += 1
            do {
                return try await backend.generate(request, to: destination, analysing: analysing)
            } catch var error as BackendError {
                error.attempts = attempt
                guard !error.isPermanent else { throw error }
                // The backoff grows with every attempt, throttled or not.
                let delay = policy.delay(beforeAttempt: attempt + 1, retryAfter: error.retryAfter, random: random())
                if error.isThrottled {
                    guard waitedOnThrottling + delay <= policy.patience else { throw error }
                    waitedOnThrottling += delay
                } else {
                    counted += 1
                    guard counted < policy.maxAttempts else { throw error }
                }
                onRetry(request.segmentID, error, delay)
                try await sleeper.sleep(delay)
            }
        }
    }
}

/// When to try a failed segment again: how many attempts, and how long to wait between
/// them (exponential backoff with jitter, never less than the service's `Retry-After`).
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included (at least 1).
    public var maxAttempts: Int
    /// The wait before the second attempt, before jitter.
    public var initialDelay: Duration
    /// The longest wait the backoff grows to, before jitter.
    public var maxDelay: Duration
    /// The fraction of each wait that is random (0: none; 0.5: between half and all of it),
    /// so that segments failing together do not retry together.
    public var jitter: Double
    /// The longest `Retry-After` obeyed: a service asking for more gets this.
    public var longestRetryAfter: Duration
    /// How long a segment waits out throttling (429, 503 with `Retry-After`) in all before
    /// it fails: throttled attempts do not count against `maxAttempts`.
    public var patience: Duration

    /// A policy as listed; `maxAttempts` is at least 1 and `jitter` within 0…1.
    public init(
        maxAttempts: Int = 4, initialDelay: Duration = .seconds(2), maxDelay: Duration = .seconds(60),
        jitter: Double = 0.5, longestRetryAfter: Duration = .seconds(300), patience: Duration = .seconds(600)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.jitter = min(1, max(0, jitter))
        self.longestRetryAfter = longestRetryAfter
        self.patience = patience
    }

    /// The wait before attempt `attempt` (2 for the first retry): `initialDelay · 2^(attempt−2)`
    /// capped at `maxDelay`, of which the `jitter` fraction is scaled by `random` (0…1); at
    /// least `retryAfter` (capped at `longestRetryAfter`) when the service sent one.
    public func delay(beforeAttempt attempt: Int, retryAfter: Duration?, random: Double) -> Duration {
        let doublings = min(max(0, attempt - 2), 30)
        var backoff = initialDelay
        for _ in 0..<doublings where backoff < maxDelay { backoff = backoff * 2 }
        backoff = min(backoff, maxDelay)
        let unit = min(1, max(0, random))
        let jittered = backoff * (1 - jitter) + backoff * (jitter * unit)
        guard let retryAfter else { return jittered }
        return max(jittered, min(retryAfter, longestRetryAfter))
    }
}

import Foundation
import Media
import Testing

@testable import Generation
import TestSupport

/// A backend that fails as scripted, one outcome per call, then writes a byte; counts calls
/// and the most calls running at once.
private actor ScriptedBackend {
    var outcomes: [BackendError?]
    private(set) var calls = 0
    private(set) var running = 0
    private(set) var peak = 0

    init(_ outcomes: [BackendError?]) { self.outcomes = outcomes }

    func begin() -> BackendError? {
        calls += 1
        running += 1
        peak = max(peak, running)
        return outcomes.isEmpty ? nil : outcomes.removeFirst()
    }

    func end() { running -= 1 }
}

private struct ScriptedGenerator: Generator {
    let script: ScriptedBackend
    var work: Duration = .milliseconds(1)
    var name: String { "scripted" }
    var settings: String { "" }
    var capabilities: GeneratorCapabilities { GeneratorCapabilities(maxParallelJobs: 2) }
    var inputFiles: [URL] { [] }

    func generate(_ request: GenerationRequest, to destination: URL) async throws {
        let failure = await script.begin()
        do {
            try await Task.sleep(for: work)
            await script.end()
        } catch {
            await script.end()
            throw error
        }
        if let failure { throw failure }
        try Data([1]).write(to: destination)
    }
}

private func failure(permanent: Bool, retryAfter: Duration? = nil) -> BackendError {
    BackendError(
        backend: "scripted", operation: "make", failure: .http(status: permanent ? 400 : 503, message: "scripted"),
        isPermanent: permanent, retryAfter: retryAfter)
}

@Suite struct BackendSchedulingTests {
    @Test func backoffDoublesUpToTheCapWithJitterInsideItsBand() {
        let policy = RetryPolicy(maxAttempts: 8, initialDelay: .seconds(1), maxDelay: .seconds(8), jitter: 0.5)
        let top = (2...7).map { policy.delay(beforeAttempt: $0, retryAfter: nil, random: 1) }
        #expect(top == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8), .seconds(8)])
        #expect(policy.delay(beforeAttempt: 4, retryAfter: nil, random: 0) == .seconds(2))
        #expect(policy.delay(beforeAttempt: 4, retryAfter: nil, random: 0.5) == .seconds(3))
        #expect(RetryPolicy(jitter: 0).delay(beforeAttempt: 2, retryAfter: nil, random: 0.9) == .seconds(2))
    }

    @Test func retryAfterIsAFloorAndIsCapped() {
        let policy = RetryPolicy(initialDelay: .seconds(1), jitter: 0, longestRetryAfter: .seconds(60))
        #expect(policy.delay(beforeAttempt: 2, retryAfter: .seconds(7), random: 0) == .seconds(7))
        #expect(policy.delay(beforeAttempt: 2, retryAfter: .milliseconds(10), random: 0) == .seconds(1))
        #expect(policy.delay(beforeAttempt: 2, retryAfter: .seconds(3600), random: 0) == .seconds(60))
    }

    @Test func retryAfterReadsSecondsAndHTTPDates() {
        let now = Date(timeIntervalSince1970: 1_445_412_470)  // Wed, 21 Oct 2015 07:27:50 GMT
        #expect(RetryAfter.parse("120") == .seconds(120))
        #expect(RetryAfter.parse(" 3 ") == .seconds(3))
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == .seconds(10))
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", now: now) == .zero)
        #expect(RetryAfter.parse("soon") == nil)
        #expect(RetryAfter.parse("-1") == nil)
    }

    @Test func limiterNeverRunsMoreThanItsLimit() async throws {
        let limiter = ConcurrencyLimiter(limit: 3)
        let script = ScriptedBackend([])
        let generator = ScriptedGenerator(script: script, work: .milliseconds(20))
        let scratch = try Scratch()
        let directory = scratch.url
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, request) in backendRequests(12).enumerated() {
                group.addTask {
                    try await limiter.withPermit {
                        try await generator.generate(request, to: directory.appendingPathComponent("\(index)"))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await script.peak == 3)
        #expect(await limiter.peak == 3)
        #expect(await limiter.running == 0)
        #expect(await script.calls == 12)
    }

    @Test func aCancelledWaiterLeavesTheQueueAndTheLimiterStaysUsable() async throws {
        let limiter = ConcurrencyLimiter(limit: 1)
        let holder = Task { try await limiter.withPermit { try await Task.sleep(for: .seconds(30)) } }
        while await limiter.running == 0 { try await Task.sleep(for: .milliseconds(1)) }
        let waiter = Task { try await limiter.withPermit { 42 } }
        try await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        holder.cancel()
        _ = try? await holder.value
        #expect(try await limiter.withPermit { 7 } == 7)
        #expect(await limiter.running == 0)
    }

    @Test func transientFailuresAreRetriedWithTheRecordedWaits() async throws {
        let script = ScriptedBackend([failure(permanent: false, retryAfter: .seconds(9)), failure(permanent: false)])
        let recorder = WaitRecorder()
        let scheduled = ScheduledGenerator(
            backend: ScriptedGenerator(script: script),
            policy: RetryPolicy(maxAttempts: 4, initialDelay: .seconds(2), jitter: 0), sleeper: recorder.sleeper())
        let scratch = try Scratch()
        try await scheduled.generate(backendRequests(1)[0], to: scratch.file("clip"))
        #expect(await script.calls == 3)
        #expect(await recorder.waits == [.seconds(9), .seconds(4)])
        #expect(FileManager.default.fileExists(atPath: scratch.file("clip").path))
    }

    @Test func permanentFailuresAreNotRetried() async throws {
        let script = ScriptedBackend([failure(permanent: true)])
        let recorder = WaitRecorder()
        let scheduled = ScheduledGenerator(backend: ScriptedGenerator(script: script), sleeper: recorder.sleeper())
        let scratch = try Scratch()
        let error = await backendError { try await scheduled.generate(backendRequests(1)[0], to: scratch.file("clip")) }
        #expect(error?.isPermanent == true)
        #expect(error?.attempts == 1)
        #expect(await script.calls == 1)
        #expect(await recorder.waits.isEmpty)
    }

    @Test func attemptsRunOutWithTheLastErrorAndItsCount() async throws {
        let script = ScriptedBackend(Array(repeating: failure(permanent: false), count: 5))
        let scheduled = ScheduledGenerator(
            backend: ScriptedGenerator(script: script), policy: RetryPolicy(maxAttempts: 3),
            sleeper: WaitRecorder().sleeper(), onRetry: { segment, _, _ in #expect(segment == "S1") })
        let scratch = try Scratch()
        let error = await backendError { try await scheduled.generate(backendRequests(1)[0], to: scratch.file("clip")) }
        #expect(error?.attempts == 3)
        #expect(error?.description.contains("3 attempts") == true)
        #expect(await script.calls == 3)
    }

    @Test func theSegmentTimeLimitCancelsTheAttemptAndSaysSo() async throws {
        let script = ScriptedBackend([])
        let scheduled = ScheduledGenerator(
            backend: ScriptedGenerator(script: script, work: .seconds(600)), segmentTimeLimit: .milliseconds(100))
        let scratch = try Scratch()
        let started = ContinuousClock.now
        let error = await backendError { try await scheduled.generate(backendRequests(1)[0], to: scratch.file("clip")) }
        #expect(error?.failure == .timedOut(seconds: 0.1))
        // Far below the work's 600 s, far above the limit: a full suite that keeps the
        // cooperative pool busy once delayed the cancellation by a minute.
        #expect(ContinuousClock.now - started < .seconds(300))
        #expect(await script.running == 0)
    }

    @Test func theScheduledCapabilitiesCarryTheLimit() {
        let scheduled = ScheduledGenerator(backend: ScriptedGenerator(script: ScriptedBackend([])), limit: 5)
        #expect(scheduled.capabilities.maxParallelJobs == 5)
        #expect(ScheduledGenerator(backend: ScriptedGenerator(script: ScriptedBackend([]))).limiter.limit == 2)
    }
}

import Foundation
import Media
import Testing

@testable import Generation
import TestServers
import TestSupport

/// A DashScope account over its rate quota answers 429 with `Retry-After` and recovers
/// (issue 11): the scheduler waits it out, counting none of those answers as an attempt,
/// until its patience runs out.
@Suite struct ThrottlingTests {
    static let apiKey = "sk-test-throttle-SECRET"

    static func backend(_ server: TestServer, journal: URL) -> DashScopeGenerator {
        DashScopeGenerator(
            baseURL: server.url, model: .wan22T2VPlus, journalDirectory: journal, pollInterval: .milliseconds(20),
            maxPolls: 500, requestTimeout: 10, sleeper: .continuous,
            environment: { [DashScopeGenerator.apiKeyVariable: apiKey] })
    }

    /// Every create is throttled for the first 6 s. The window only has to outlast the
    /// three attempts of 1–2 s waits that the old scheduler gave up after; 6 s does, and
    /// keeps the test short (the 12 s behaves the same).
    @Test(.timeLimit(.minutes(3))) func aThrottlingServerIsWaitedOutAndTheSegmentIsMade() async throws {
        let server = try await TestServer.start(
            "dashscope_server.py", config: ["key": Self.apiKey, "throttle_seconds": 6])
        defer { server.stop() }
        let scratch = try Scratch()
        let retries = RetryCount()
        let scheduled = ScheduledGenerator(
            backend: Self.backend(server, journal: scratch.url),
            // One attempt: any retry at all proves that throttling does not count against it.
            policy: RetryPolicy(maxAttempts: 1, initialDelay: .seconds(1), maxDelay: .seconds(2), patience: .seconds(60)),
            sleeper: .continuous, onRetry: { _, error, _ in retries.add(error.isThrottled) })
        let started = ContinuousClock.now
        try await scheduled.generate(backendRequests(1)[0], to: scratch.file("clip.mp4"))
        #expect(ContinuousClock.now - started >= .seconds(6))
        #expect(FileManager.default.fileExists(atPath: scratch.file("clip.mp4").path))
        let throttled = try await server.count("throttled")
        #expect(throttled >= 1)
        #expect(try await server.count("creates") == 1)
        // Every retry was for throttling, one per throttled answer.
        #expect(retries.all.allSatisfy { $0 } && retries.all.count == throttled)
    }

    @Test func throttlingBeyondThePatienceFailsWithTheServicesAnswer() async throws {
        let server = try await TestServer.start(
            "dashscope_server.py", config: ["key": Self.apiKey, "throttle_seconds": 600])
        defer { server.stop() }
        let scratch = try Scratch()
        let recorder = WaitRecorder()
        let scheduled = ScheduledGenerator(
            backend: Self.backend(server, journal: scratch.url),
            policy: RetryPolicy(maxAttempts: 2, initialDelay: .seconds(2), maxDelay: .seconds(8), jitter: 0, patience: .seconds(30)),
            sleeper: recorder.sleeper())
        var caught: BackendError?
        do { try await scheduled.generate(backendRequests(1)[0], to: scratch.file("clip.mp4")) } catch let error as BackendError {
            caught = error
        }
        #expect(caught?.isThrottled == true)
        // 2 + 4 + 8 + 8 + 8 = 30 s waited; the next 8 s would pass the 30 s of patience.
        #expect(await recorder.waits == [.seconds(2), .seconds(4), .seconds(8), .seconds(8), .seconds(8)])
        #expect(caught?.attempts == 6)
    }

    @Test func onlyOtherErrorsCountAgainstTheAttempts() async throws {
        let server = try await TestServer.start(
            "dashscope_server.py", config: ["key": Self.apiKey, "create": ["429:1", "500", "429:1", "429:1", "500"]])
        defer { server.stop() }
        let scratch = try Scratch()
        let scheduled = ScheduledGenerator(
            backend: Self.backend(server, journal: scratch.url), policy: RetryPolicy(maxAttempts: 3),
            sleeper: WaitRecorder().sleeper())
        try await scheduled.generate(backendRequests(1)[0], to: scratch.file("clip.mp4"))
        #expect(try await server.count("creates") == 1)
    }
}

/// Whether each retry was for throttling, in order.
final class RetryCount: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var values: [Bool] = []
    func add(_ value: Bool) { lock.withLock { values.append(value) } }
    var all: [Bool] { lock.withLock { values } }
}

import Foundation
import Media
import Testing

@testable import Generation
import TestServers
import TestSupport

private let apiKey = "sk-test-4f1c9a7e-SECRET"

/// A DashScope test server with `config` and the key it accepts.
private func server(_ config: [String: Any] = [:]) async throws -> TestServer {
    try await TestServer.start("dashscope_server.py", config: config.merging(["key": apiKey]) { $1 })
}

/// The backend pointed at `server`, journalling in `journal`, polling every 20 ms.
private func dashScope(
    _ server: TestServer, journal: URL, model: DashScopeModel = .wan22T2VPlus, key: String = apiKey,
    requestTimeout: TimeInterval = 10, maxDownloadBytes: Int = BackendOptions.defaultMaxDownloadBytes
) -> DashScopeGenerator {
    DashScopeGenerator(
        baseURL: server.url, model: model, journalDirectory: journal, pollInterval: .milliseconds(20), maxPolls: 500,
        requestTimeout: requestTimeout, sleeper: WaitRecorder().sleeper(realWait: .milliseconds(20)),
        maxDownloadBytes: maxDownloadBytes, environment: { [DashScopeGenerator.apiKeyVariable: key] })
}

/// The backend scheduled with recorded (5 ms) waits between attempts.
private func scheduled(_ backend: DashScopeGenerator, _ recorder: WaitRecorder = WaitRecorder()) -> ScheduledGenerator {
    ScheduledGenerator(
        backend: backend, policy: RetryPolicy(maxAttempts: 4), segmentTimeLimit: .seconds(60),
        sleeper: recorder.sleeper())
}

@Suite struct BackendDashScopeTests {
    @Test func aTaskIsCreatedPolledAndDownloaded() async throws {
        let server = try await server()
        defer { server.stop() }
        let scratch = try Scratch()
        let backend = dashScope(server, journal: scratch.file("cache"))
        let destination = scratch.file("clips/clip.mp4")
        try await backend.generate(backendRequests(1)[0], to: destination)
        #expect(StagedClip.problem(with: destination) == nil)
        let stats = try await server.stats()
        #expect(stats["creates"] as? Int == 1)
        #expect(stats["downloads"] as? Int == 1)
        #expect(stats["downloads_with_credentials"] == nil)
        let body = try #require((stats["bodies"] as? [[String: Any]])?.first)
        let parameters = try #require(body["parameters"] as? [String: Any])
        #expect(body["model"] as? String == "wan2.2-t2v-plus")
        #expect(parameters["size"] as? String == "832*480")
        #expect(parameters["duration"] as? Int == 5)
        #expect(parameters["seed"] as? Int == 1)
        #expect(parameters["watermark"] as? Bool == false)
        #expect(try await backend.journal.entries().isEmpty)
        #expect(filesUnder(scratch.file("clips")).map(\.lastPathComponent) == ["clip.mp4"])
    }

    @Test func newerModelsTakeAResolutionAndALengthInSeconds() async throws {
        let server = try await server()
        defer { server.stop() }
        let scratch = try Scratch()
        var request = backendRequests(1)[0]
        request.content.frames = 170  // 7.08 s at 24 fps
        request.content.seed = -5
        request.content.prompt = String(repeating: "a wide harbour at night ", count: 60)
        let backend = dashScope(server, journal: scratch.url, model: .resolutionClass("wan2.5-t2v-preview"))
        try await backend.generate(request, to: scratch.file("clip.mp4"))
        let body = try #require((try await server.stats()["bodies"] as? [[String: Any]])?.first)
        let parameters = try #require(body["parameters"] as? [String: Any])
        #expect(parameters["resolution"] as? String == "480P")
        #expect(parameters["duration"] as? Int == 8)
        #expect(parameters["seed"] as? Int == Int(Int32.max) - 4)
        let prompt = try #require((body["input"] as? [String: Any])?["prompt"] as? String)
        #expect(prompt.count <= 800 && prompt.count > 700)
    }

    @Test func throttlingIsRetriedAfterTheRetryAfterWait() async throws {
        let server = try await server(["create": ["429:7"]])
        defer { server.stop() }
        let scratch = try Scratch()
        let recorder = WaitRecorder()
        try await scheduled(dashScope(server, journal: scratch.url), recorder)
            .generate(backendRequests(1)[0], to: scratch.file("clip.mp4"))
        let waits = await recorder.waits
        #expect(waits.count == 1)
        #expect(waits.allSatisfy { $0 >= .seconds(7) })
        #expect(try await server.count("creates") == 1)
    }

    @Test func serverErrorsAreRetried() async throws {
        let server = try await server(["create": ["500", "503"], "poll": ["502"]])
        defer { server.stop() }
        let scratch = try Scratch()
        let recorder = WaitRecorder()
        try await scheduled(dashScope(server, journal: scratch.url), recorder)
            .generate(backendRequests(1)[0], to: scratch.file("clip.mp4"))
        #expect(await recorder.waits.count == 3)
        #expect(try await server.count("creates") == 1)
    }

    @Test(arguments: [
        ("FAILED:InternalError.Timeout", false), ("FAILED:DataInspectionFailed", true), ("CANCELED", true),
        ("UNKNOWN", false),
    ])
    func endedTasksAreRetriedWhenTheirCodeSaysSo(outcome: String, permanent: Bool) async throws {
        let server = try await server(["outcomes": [outcome]])
        defer { server.stop() }
        let scratch = try Scratch()
        let backend = dashScope(server, journal: scratch.url)
        let error = await backendError {
            try await backend.generate(backendRequests(1)[0], to: scratch.file("clip.mp4"))
        }
        #expect(error?.isPermanent == permanent)
        #expect(error?.description.contains("task ended \(outcome.split(separator: ":")[0])") == true)
        #expect(try await backend.journal.entries().isEmpty)
        if !permanent {
            try await scheduled(backend).generate(backendRequests(1)[0], to: scratch.file("clip.mp4"))
            #expect(try await server.count("creates") == 2)
        }
    }

    @Test func aJournalledTaskTheServiceForgotIsReplacedOnce() async throws {
        let server = try await server()
        defer { server.stop() }
        let scratch = try Scratch()
        let backend = dashScope(server, journal: scratch.url)
        let request = backendRequests(1)[0]
        try await backend.journal.record(
            .init(taskID: "expired-task", segmentID: "S1"), for: try backend.journalDigest(for: request))
        try await backend.generate(request, to: scratch.file("clip.mp4"))
        #expect(try await server.count("creates") == 1)
        #expect(try await backend.journal.entries().isEmpty)
    }

    @Test func aSlowPollTimesOutAndTheRetryPollsTheSameTask() async throws {
        let server = try await server(["poll": ["slow:3"]])
        defer { server.stop() }
        let scratch = try Scratch()
        let recorder = WaitRecorder()
        try await scheduled(dashScope(server, journal: scratch.url, requestTimeout: 1), recorder)
            .generate(backendRequests(1)[0], to: scratch.file("clip.mp4"))
        #expect(await recorder.waits.count == 1)
        #expect(try await server.count("creates") == 1)
    }

    @Test func aDownloadCutShortIsFetchedAgainFromTheSameTask() async throws {
        let server = try await server(["download": ["short"]])
        defer { server.stop() }
        let scratch = try Scratch()
        let backend = dashScope(server, journal: scratch.file("cache"))
        let destination = scratch.file("clips/clip.mp4")
        let error = await backendError { try await backend.generate(backendRequests(1)[0], to: destination) }
        #expect(error?.isPermanent == false)
        #expect(filesUnder(scratch.file("clips")).isEmpty)
        #expect(try await backend.journal.entries().count == 1)
        try await scheduled(backend).generate(backendRequests(1)[0], to: destination)
        #expect(try await server.count("creates") == 1)
        #expect(try await server.count("downloads") == 2)
        #expect(StagedClip.problem(with: destination) == nil)
    }

    @Test func aFileThatIsNotAVideoFailsTheAttemptAndANewTaskIsMade() async throws {
        let server = try await server(["download": ["notvideo"]])
        defer { server.stop() }
        let scratch = try Scratch()
        let backend = dashScope(server, journal: scratch.url)
        let destination = scratch.file("clips/clip.mp4")
        let error = await backendError { try await backend.generate(backendRequests(1)[0], to: destination) }
        #expect(error?.isPermanent == false)
        guard case .badOutput? = error?.failure else {
            Issue.record("expected badOutput, got \(String(describing: error))")
            return
        }
        #expect(filesUnder(scratch.file("clips")).isEmpty)
        try await scheduled(backend).generate(backendRequests(1)[0], to: destination)
        #expect(try await server.count("creates") == 2)
    }

    @Test(arguments: ["huge:67108864", "huge-unsized:67108864"])
    func aDownloadOverTheLimitIsRefusedAsTransientWithTheLimit(answer: String) async throws {
        let server = try await server(["download": [answer]])
        defer { server.stop() }
        let scratch = try Scratch()
        let backend = dashScope(server, journal: scratch.url, maxDownloadBytes: 8 << 20)
        let destination = scratch.file("clips/clip.mp4")
        let error = await backendError { try await backend.generate(backendRequests(1)[0], to: destination) }
        #expect(error?.isPermanent == false)
        let sized = !answer.hasPrefix("huge-unsized")
        #expect(error?.failure == .downloadTooLarge(limit: 8 << 20, declared: sized ? 64 << 20 : nil))
        #expect(error?.description.contains("over the limit of 8 MiB (backend.max_download)") == true)
        #expect(error?.operation.contains("for \(backendRequests(1)[0].segmentID)") == true)
        #expect(filesUnder(scratch.file("clips")).isEmpty, "the partial file is removed")
        // The task's video is fetched again (a raised limit takes it), not paid for again.
        #expect(try await backend.journal.entries().count == 1)
    }

    @Test func aVideoThatDoesNotDecodeFailsTheAttemptAndTheRetrySucceeds() async throws {
        let server = try await server(["download": ["undecodable"]])
        defer { server.stop() }
        let scratch = try Scratch()
        let backend = dashScope(server, journal: scratch.url)
        let destination = scratch.file("clips/clip.mp4")
        let error = await backendError { try await backend.generate(backendRequests(1)[0], to: destination) }
        #expect(error?.isPermanent == false)
        #expect(error?.backend == "dashscope")
        guard case .badOutput(let why)? = error?.failure else {
            Issue.record("expected badOutput, got \(String(describing: error))")
            return
        }
        #expect(why.contains("decode"), "\(why)")
        #expect(filesUnder(scratch.file("clips")).isEmpty)
        try await scheduled(backend).generate(backendRequests(1)[0], to: destination)
        #expect(StagedClip.problem(with: destination) == nil)
    }

    @Test func aRejectedKeyFailsAtOnceWithoutTheKey() async throws {
        let server = try await server()
        defer { server.stop() }
        let scratch = try Scratch()
        let wrongKey = "sk-wrong-9d8e7f-SECRET"
        let error = await backendError {
            try await scheduled(dashScope(server, journal: scratch.url, key: wrongKey))
                .generate(backendRequests(1)[0], to: scratch.file("clip.mp4"))
        }
        #expect(error?.isPermanent == true)
        #expect(error?.failure == .http(status: 401, message: "InvalidApiKey: Invalid API-key provided."))
        #expect(error?.description.contains(wrongKey) == false)
        #expect(try await server.count("requests") == 1)
    }

    @Test func aMissingKeyFailsBeforeAnyRequest() async throws {
        let server = try await server()
        defer { server.stop() }
        let scratch = try Scratch()
        let error = await backendError {
            try await dashScope(server, journal: scratch.url, key: "").generate(
                backendRequests(1)[0], to: scratch.file("clip.mp4"))
        }
        #expect(error?.failure == .missingCredential("DASHSCOPE_API_KEY"))
        #expect(try await server.count("requests") == 0)
    }

    @Test func aValidationErrorIsPermanent() async throws {
        let server = try await server()
        defer { server.stop() }
        let scratch = try Scratch()
        let model = DashScopeModel(
            name: "wan2.2-t2v-plus", sizing: .sizes([FrameSize(width: 640, height: 360)]), durations: 5...5)
        let error = await backendError {
            try await scheduled(dashScope(server, journal: scratch.url, model: model))
                .generate(backendRequests(1)[0], to: scratch.file("clip.mp4"))
        }
        #expect(error?.isPermanent == true)
        #expect(
            error?.failure
                == .http(status: 400, message: "InvalidParameter: parameters.size is not supported by wan2.2-t2v-plus"))
        #expect(try await server.count("creates") == 0)
    }

    @Test func noMoreTasksRunThanTheLimit() async throws {
        let server = try await server(["task_seconds": 0.3])
        defer { server.stop() }
        let scratch = try Scratch()
        let generator = scheduled(dashScope(server, journal: scratch.file("cache")))
        let directory = scratch.file("clips")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for request in backendRequests(6) {
                group.addTask {
                    try await generator.generate(
                        request, to: directory.appendingPathComponent("\(request.segmentID).mp4"))
                }
            }
            try await group.waitForAll()
        }
        #expect(try await server.count("creates") == 6)
        #expect(try await server.count("max_running") == 2)
        #expect(await generator.limiter.peak == 2)
        #expect(filesUnder(directory).count == 6)
    }

    @Test func aStoppedGenerationResumesItsTaskInsteadOfPayingForAnother() async throws {
        // Long enough that a busy suite still cancels while the task runs.
        let server = try await server(["task_seconds": 8])
        defer { server.stop() }
        let scratch = try Scratch()
        let journalDirectory = scratch.file("cache")
        let destination = scratch.file("clips/clip.mp4")
        let request = backendRequests(1)[0]
        let first = dashScope(server, journal: journalDirectory)
        let running = Task { try await first.generate(request, to: destination) }
        try await waitUntil { try await server.count("creates") > 0 }
        running.cancel()
        await #expect(throws: CancellationError.self) { try await running.value }
        #expect(filesUnder(scratch.file("clips")).isEmpty)
        let journal = TaskJournal(directory: journalDirectory, name: "dashscope-tasks.json")
        #expect(try await journal.entries().count == 1)

        // A new process: a new generator over the same cache directory.
        let second = dashScope(server, journal: journalDirectory)
        try await second.generate(request, to: destination)
        #expect(try await server.count("creates") == 1)
        #expect(try await journal.entries().isEmpty)
        #expect(StagedClip.problem(with: destination) == nil)
    }

    @Test func theKeyAppearsInNoSettingErrorJournalOrFile() async throws {
        let server = try await server(["task_seconds": 3, "create": ["500"], "download": ["short"]])
        defer { server.stop() }
        let scratch = try Scratch()
        let backend = dashScope(server, journal: scratch.file("cache"))
        let retries = CollectedLines()
        let generator = ScheduledGenerator(
            backend: backend, sleeper: WaitRecorder().sleeper(),
            onRetry: { _, error, _ in retries.append(error.description) })
        let request = backendRequests(1)[0]
        let destination = scratch.file("clips/clip.mp4")
        let cancelled = Task { try await generator.generate(request, to: destination) }
        try await waitUntil { try await server.count("creates") > 0 }
        #expect(try await backend.journal.entries().count == 1)
        let journalText = try String(contentsOf: backend.journal.file, encoding: .utf8)
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        try await generator.generate(request, to: destination)

        let texts = retries.all + [backend.settings, generator.settings, journalText, String(describing: backend)]
        #expect(!retries.all.isEmpty)
        for text in texts { #expect(!text.contains(apiKey), "\(text)") }
        for file in filesUnder(scratch.url) {
            let bytes = try Data(contentsOf: file)
            #expect(bytes.range(of: Data(apiKey.utf8)) == nil, "\(file.path)")
        }
        // The key did reach the server, so the search above could have found it.
        #expect((try await server.stats()["headers"] as? [String])?.contains("Bearer \(apiKey)") == true)
    }
}

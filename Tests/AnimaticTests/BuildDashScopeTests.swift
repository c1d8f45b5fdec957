import Animatic
import Foundation
import Generation
import Testing
import TestServers

/// `animatic build --backend dashscope` end to end, as a user runs it, against the DashScope
/// test server on loopback: the program is stopped while its tasks run and started again.
@Suite("animatic build with hosted Wan (DashScope) over loopback")
struct BuildDashScopeTests {
    /// Two one-shot scenes: two segments, both submitted at once (DashScope's limit is 2).
    static let script = """
        EXT. HARBOR - DAWN

        Fog rolls in over the water.

        INT. KITCHEN - NIGHT

        Anna reads the letter by candlelight.

        """
    static let key = "sk-loopback-7f3a9c2e51d84b06"

    @Test func anEditTheModelNeverSeesPaysForNoRequest() async throws {
        let server = try await TestServer.start("dashscope_server.py", config: ["key": Self.key, "task_seconds": 0])
        defer { server.stop() }
        let project = try BuildProject(script: Self.script)
        let arguments = [
            "build", project.script.path, "--size", "320x180", "--backend", "dashscope",
            "--dashscope-url", server.url.absoluteString, "--qc", "off",  // counts requests: no QC retakes
        ]
        let first = try await CommandRunner.run(arguments, environment: ["DASHSCOPE_API_KEY": Self.key])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try await server.count("creates") == 2)
        // The headings' wording changes what the cards show, not what the model is sent.
        try project.write(Self.script.replacingOccurrences(of: "EXT. HARBOR", with: "EXT. Harbor")
            .replacingOccurrences(of: "INT. KITCHEN", with: "INT KITCHEN"))
        let plan = try await CommandRunner.run(arguments + ["--dry-run"], environment: ["DASHSCOPE_API_KEY": Self.key])
        #expect(plan.stdout.hasSuffix("no backend requests\n"), "\(plan.stdout)")
        let second = try await CommandRunner.run(arguments, environment: ["DASHSCOPE_API_KEY": Self.key])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try await server.count("creates") == 2, "no new task for the same request")
        let report = try #require(BuildReport.read(project.directory.appendingPathComponent("film.report.json")))
        #expect(report.reused == 2 && report.generated == 0)
    }

    /// `animatic build` of `project` at 320x180 with DashScope at `server`, QC off (the
    /// tests count requests: no QC retakes).
    static func arguments(_ project: BuildProject, _ server: TestServer) -> [String] {
        [
            "build", project.script.path, "--size", "320x180", "--backend", "dashscope",
            "--dashscope-url", server.url.absoluteString, "--qc", "off",
        ]
    }

    @Test func aShotWhoseFramesChangeWithinTheSameRequestIsConformedAgainNotPaidForAgain() async throws {
        let server = try await TestServer.start("dashscope_server.py", config: ["key": Self.key, "task_seconds": 0])
        defer { server.stop() }
        // 2.5 s and 2.75 s are both asked for as 3 s: the same request body, other frames.
        let script = "EXT. HARBOR - DAWN\n\n[[shot: WS; duration: 2.5s]]\nFog rolls in over the water.\n"
        let project = try BuildProject(script: script)
        let arguments = Self.arguments(project, server)
        let first = try await CommandRunner.run(arguments, environment: ["DASHSCOPE_API_KEY": Self.key])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try await server.count("creates") == 1)
        let before = try #require(BuildReport.read(project.directory.appendingPathComponent("film.report.json")))

        try project.write(script.replacingOccurrences(of: "2.5s", with: "2.75s"))
        let plan = try await CommandRunner.run(arguments + ["--dry-run"], environment: ["DASHSCOPE_API_KEY": Self.key])
        #expect(plan.stdout.contains("generate 1A-1: up to date\n"), "\(plan.stdout)")
        #expect(plan.stdout.contains("conform 1A-1: runs (content changed)\n"), "\(plan.stdout)")
        #expect(plan.stdout.hasSuffix("no backend requests\n"), "\(plan.stdout)")
        let second = try await CommandRunner.run(arguments, environment: ["DASHSCOPE_API_KEY": Self.key])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try await server.count("creates") == 1, "the same request is not paid for again")
        let after = try #require(BuildReport.read(project.directory.appendingPathComponent("film.report.json")))
        #expect(before.segments.map(\.frames) == [60] && after.segments.map(\.frames) == [66])
        #expect(after.segments.first?.key != before.segments.first?.key)
        #expect(try await ffprobeFrameCount(project.output) == 66)
    }

    @Test func aShotInsertedEarlierInTheSceneIsTheOnlyNewRequest() async throws {
        let server = try await TestServer.start("dashscope_server.py", config: ["key": Self.key, "task_seconds": 0])
        defer { server.stop() }
        let scene = """
            INT. KITCHEN - NIGHT

            Anna reads the letter by candlelight.

            The candle gutters and goes out.

            """
        let project = try BuildProject(script: scene)
        let arguments = Self.arguments(project, server)
        let first = try await CommandRunner.run(arguments, environment: ["DASHSCOPE_API_KEY": Self.key])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try await server.count("creates") == 3, "an establishing exterior and two shots")
        // The new shot takes 1C: the one after it becomes 1D, its request unchanged.
        try project.write(scene.replacingOccurrences(
            of: "The candle gutters", with: "Rain streaks the window.\n\nThe candle gutters"))
        let plan = try await CommandRunner.run(arguments + ["--dry-run"], environment: ["DASHSCOPE_API_KEY": Self.key])
        #expect(plan.stdout.contains("generate 1C-1: runs"), "\(plan.stdout)")
        for earlier in ["1A-1", "1B-1", "1D-1"] {
            #expect(plan.stdout.contains("generate \(earlier): up to date"), "\(plan.stdout)")
        }
        #expect(plan.stdout.contains("\ndashscope: 1 request, "), "\(plan.stdout)")
        let second = try await CommandRunner.run(arguments, environment: ["DASHSCOPE_API_KEY": Self.key])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try await server.count("creates") == 4, "one new task, for the inserted shot alone")
        let report = try #require(BuildReport.read(project.directory.appendingPathComponent("film.report.json")))
        #expect(report.generated == 1 && report.reused == 3)
    }

    @Test func aBuildStoppedWhileItsTasksRunResumesThemAndPaysForNoOtherTask() async throws {
        let server = try await TestServer.start("dashscope_server.py", config: ["key": Self.key, "task_seconds": 2])
        defer { server.stop() }
        let project = try BuildProject(script: Self.script)
        let arguments = [
            "build", project.script.path, "--size", "320x180", "--jobs", "2", "--backend", "dashscope",
            "--dashscope-url", server.url.absoluteString, "--qc", "off",  // counts requests: no QC retakes
        ]
        let environment = ProcessInfo.processInfo.environment.merging(["DASHSCOPE_API_KEY": Self.key]) { $1 }

        // The first build is stopped once both tasks are created: they run for two seconds,
        // and the build waits ten before it polls again.
        let first = Process()
        first.executableURL = CommandRunner.executable
        first.arguments = arguments
        first.environment = environment
        let firstErrors = Pipe()
        first.standardOutput = FileHandle.nullDevice
        first.standardError = firstErrors
        try first.run()
        let creates = Self.waitForCreates(2, on: server, while: first)
        #expect(creates == 2)
        kill(first.processIdentifier, SIGTERM)
        // Stopping must not hang (it once did, inside FoundationNetworking's cancellation).
        let stopDeadline = Date().addingTimeInterval(30)
        while first.isRunning, Date() < stopDeadline { usleep(10_000) }
        if first.isRunning {
            Issue.record("the build did not stop within 30 s of SIGTERM")
            kill(first.processIdentifier, SIGKILL)
        }
        first.waitUntilExit()
        let firstStderr = String(decoding: firstErrors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(first.terminationStatus == 143, "\(firstStderr)")
        #expect(!FileManager.default.fileExists(atPath: project.output.path))
        let journal = TaskJournal(directory: project.cache, name: "dashscope-tasks.json")
        #expect(try await journal.entries().count == 2)

        // Started again after the tasks ended: it polls the same two tasks and creates none.
        try await Task.sleep(for: .milliseconds(2200))
        let second = try await CommandRunner.run(arguments, environment: ["DASHSCOPE_API_KEY": Self.key])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try await server.count("creates") == 2)
        let report = try #require(BuildReport.read(project.directory.appendingPathComponent("film.report.json")))
        #expect(report.generated == 2 && report.failed == 0)
        #expect(try await ffprobeFrameCount(project.output) == report.totalFrames)
        #expect(try await journal.entries().isEmpty)

        // The key reached the server, and nothing either build printed or wrote holds it:
        // not the video, the plan, the report, the cut lists, the cache nor its journal.
        let headers = try await server.stats()["headers"] as? [String] ?? []
        #expect(headers.contains("Bearer \(Self.key)"))
        for text in [firstStderr, second.stdout, second.stderr] { #expect(!text.contains(Self.key)) }
        let files = FileManager.default.enumerator(atPath: project.directory.path)?.allObjects as? [String] ?? []
        let written = files.map { project.directory.appendingPathComponent($0) }.filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
        #expect(written.count > 10)
        for file in written {
            #expect(try Data(contentsOf: file).range(of: Data(Self.key.utf8)) == nil, "\(file.path)")
        }
    }

    /// Waits, blocking this thread on purpose (a poller on a busy cooperative pool could
    /// miss the window), until `server` has had `count` tasks created or `process` ended;
    /// returns the count it saw last.
    private static func waitForCreates(_ count: Int, on server: TestServer, while process: Process) -> Int {
        let stats = server.url.appendingPathComponent("_stats")
        var seen = 0
        let deadline = Date().addingTimeInterval(30)
        while seen < count, process.isRunning, Date() < deadline {
            usleep(5000)
            let json = (try? Data(contentsOf: stats)).flatMap { try? JSONSerialization.jsonObject(with: $0) }
            seen = (json as? [String: Any])?["creates"] as? Int ?? seen
        }
        return seen
    }
}

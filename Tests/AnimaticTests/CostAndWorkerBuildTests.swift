import Animatic
import Foundation
import Generation
import Testing

/// The fake worker of the generation tests.
private let fakeWorker = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("GenerationTests/Fakes/fake_worker.py").path

/// Collects build events from any thread.
private final class Events: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [BuildEvent] = []
    func add(_ event: BuildEvent) { lock.withLock { events.append(event) } }
    var progress: [(String, Double)] {
        lock.withLock { events.compactMap { if case let .segmentProgress(id, fraction) = $0 { (id.rawValue, fraction) } else { nil } } }
    }
}

@Suite struct CostAndWorkerBuildTests {
    @Test func aDryRunPricesDashScopeRequestsByModelAndResolution() async throws {
        let project = try BuildProject(script: buildScript)
        let text = try await CommandRunner.run(
            ["build", "film.fountain", "--dry-run", "--size", "160x90", "--backend", "dashscope"], in: project.directory)
        #expect(text.status == 0, "\(text.stderr)")
        // Four segments, each billed wan2.2's 5 s at 480P (0.14 CNY a second).
        #expect(text.stdout.contains("estimate dashscope: 20.00 billed seconds, 2.80 CNY\n"), "\(text.stdout)")
        #expect(text.stdout.hasSuffix("estimated price: 2.80 CNY\n"))
        let json = try await CommandRunner.run(
            ["build", "film.fountain", "--dry-run", "--json", "--size", "160x90", "--backend", "dashscope"],
            in: project.directory)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let estimate = try #require(document["estimate"] as? [String: Any])
        #expect(estimate["currency"] as? String == "CNY")
        #expect((estimate["price"] as? Double).map { abs($0 - 2.8) < 1e-9 } == true)
        // The project file's prices replace the defaults, per resolution class, in their currency.
        try Data("""
            [cost]
            currency = "USD"
            [cost.prices]
            "wan2.2-t2v-plus@480P" = 0.5
            """.utf8).write(to: project.directory.appendingPathComponent("animatic.toml"))
        let priced = try await CommandRunner.run(
            ["build", "film.fountain", "--dry-run", "--size", "160x90", "--backend", "dashscope"], in: project.directory)
        #expect(priced.stdout.contains("estimate dashscope: 20.00 billed seconds, 10.00 USD\n"), "\(priced.stdout)")
        // Another model bills the segment's length rounded up; one the table lacks is a usage error.
        let newer = try await CommandRunner.run(
            ["build", "film.fountain", "--dry-run", "--size", "160x90", "--backend", "dashscope", "--dashscope-model",
             "wan2.6-t2v"], in: project.directory)
        #expect(newer.stdout.contains("no price for wan2.6-t2v"), "\(newer.stdout)")
        let unknown = try await CommandRunner.run(
            ["build", "film.fountain", "--dry-run", "--backend", "dashscope", "--dashscope-model", "wan2.6-t2x"],
            in: project.directory)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("known models: wan2.2-t2v-plus, wan2.5-t2v-preview, wan2.6-t2v, wan2.7-t2v"))
    }

    @Test func maxCostRefusesABuildEstimatedAboveItBeforeAnyWork() async throws {
        let project = try BuildProject(script: buildScript)
        let refused = try await CommandRunner.run(
            ["build", "film.fountain", "--size", "160x90", "--backend", "dashscope", "--max-cost", "2"],
            in: project.directory, environment: ["DASHSCOPE_API_KEY": "sk-test"])
        #expect(refused.status == 69)
        #expect(refused.stderr.contains("estimated at 2.80 CNY, above --max-cost 2.00 CNY"), "\(refused.stderr)")
        // Nothing but the script: the lines are spoken to time the shots, but not kept, and
        // no cache is made.
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.directory.path).sorted() == ["film.fountain"])
        // A model with no price cannot be held to a limit.
        try Data("[cost.prices]\nother-model = 1\n".utf8).write(to: project.directory.appendingPathComponent("animatic.toml"))
        let unpriced = try await CommandRunner.run(
            ["build", "film.fountain", "--size", "160x90", "--backend", "dashscope", "--max-cost", "100"],
            in: project.directory)
        #expect(unpriced.status == 69)
        #expect(unpriced.stderr.contains("no price for wan2.2-t2v-plus"), "\(unpriced.stderr)")
        // The cards cost nothing: any limit lets them through.
        try FileManager.default.removeItem(at: project.directory.appendingPathComponent("animatic.toml"))
        let cards = try await CommandRunner.run(
            ["build", "film.fountain", "--size", "160x90", "--max-cost", "0", "--cutlists", "none"], in: project.directory)
        #expect(cards.status == 0, "\(cards.stderr)")
        // A build that goes ahead keeps its spoken lines.
        let lines = project.cache.appendingPathComponent("lines")
        #expect((FileManager.default.enumerator(atPath: lines.path)?.allObjects as? [String] ?? [])
            .contains { $0.hasSuffix(".wav") })
    }

    @Test func aWorkerBuildReportsProgressAndTheNextDryRunEstimatesGPUTimeFromIt() async throws {
        let project = try BuildProject(script: buildScript)
        try Data("""
            [cost]
            gpu_seconds_per_second = 208
            """.utf8).write(to: project.directory.appendingPathComponent("animatic.toml"))
        let arguments = [
            "build", "film.fountain", "--size", "160x90", "--backend", "worker", "--worker-command",
            "python3 \(fakeWorker)", "--workers", "2", "--cutlists", "none",
        ]
        let planned = try await CommandRunner.run(arguments + ["--dry-run"], in: project.directory)
        #expect(planned.status == 0, "\(planned.stderr)")
        // 9.96 s of video (the scratch voices time the dialogue) at 208 GPU seconds a second:
        // 34.5 min, over two workers 17.3 min.
        #expect(planned.stdout.contains(
            "estimate worker: 34.5 min of GPU time (speed from the project file), about 17.3 min of waiting"),
            "\(planned.stdout)")
        try FileManager.default.removeItem(at: project.directory.appendingPathComponent("animatic.toml"))
        let built = try await CommandRunner.run(arguments, in: project.directory)
        #expect(built.status == 0, "\(built.stderr)")
        let report = try #require(BuildReport.read(project.directory.appendingPathComponent("film.report.json")))
        #expect(report.backend == "worker")
        #expect(report.segments.allSatisfy { ($0.generationSeconds ?? 0) > 0 })
        #expect(FileManager.default.fileExists(atPath: project.cache.appendingPathComponent("logs/worker-0.log").path))
        // An edit: the dry run measures the speed from the build just made.
        try project.write(buildScript.replacingOccurrences(of: "Anna", with: "Bea"))
        let again = try await CommandRunner.run(arguments + ["--dry-run"], in: project.directory)
        #expect(again.stdout.contains("of GPU time (speed from the last build)"), "\(again.stdout)")
    }

    @Test func workerProgressReachesTheBuildsEvents() async throws {
        let project = try BuildProject(script: buildScript)
        let settings = project.settings()
        let events = Events()
        let worker = WorkerGenerator(
            command: try WorkerCommand(arguments: ["python3", fakeWorker]), workers: 2,
            logDirectory: project.cache.appendingPathComponent("logs"))
        let report = try await Builder(settings: settings, generator: ScheduledGenerator(backend: worker), events: events.add)
            .build(try project.compile(settings).plan, scriptPath: project.script.path)
        #expect(report.generated == report.segments.count)
        let ids = Set(report.segments.map(\.id.rawValue))
        #expect(Set(events.progress.map(\.0)) == ids)
        #expect(events.progress.allSatisfy { [0.25, 0.75].contains($0.1) })
        #expect(await worker.workersStarted == 2)
    }
}

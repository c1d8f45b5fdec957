import Animatic
import Foundation
import Generation
import Media
import Testing

/// `animatic build --dry-run`: the plan of steps says what a build would do and why, and
/// writes nothing.
@Suite("animatic build --dry-run: the step plan")
struct DryRunTests {
    /// The step plan of a build of `project` now, with `generator`.
    private func steps(
        _ project: BuildProject, generator: any Generator = StoryboardRenderer()
    ) throws -> StepPlan {
        let settings = project.settings()
        let builder = Builder(settings: settings, generator: generator)
        return try builder.stepPlan(for: try project.compile(settings).plan, scriptPath: project.script.path)
    }

    private func step(_ plan: StepPlan, _ id: String) -> BuildStep? {
        plan.steps.first { $0.id == id }
    }

    @Test func aColdBuildRunsEveryStepAndCountsTheRequests() throws {
        let project = try BuildProject(script: buildScript)
        let compilation = try project.compile(project.settings())
        let plan = try steps(project)
        #expect(plan.steps.allSatisfy { $0.status == .runs(.new) })
        let generates = plan.steps.filter { $0.kind == .generate }
        #expect(generates.map { $0.generation?.segmentID } == compilation.plan.shots.flatMap(\.segments).map(\.id))
        #expect(Set(plan.steps.map(\.kind)).isSuperset(of: [
            .generate, .join, .tracks, .plan, .media, .thumbnail, .sheetPage, .cutList, .report,
        ]))
        // Every step comes after the steps it reads.
        var seen: Set<String> = []
        for step in plan.steps {
            #expect(step.inputs.allSatisfy(seen.contains), "\(step.id) before its inputs")
            seen.insert(step.id)
        }
        let total = try #require(plan.totals.first)
        #expect(plan.totals.count == 1 && total.backend == "cards" && total.requests == generates.count)
        #expect(total.frames == compilation.plan.totalFrames && total.seconds == Double(compilation.plan.totalFrames) / 24)
        #expect(!FileManager.default.fileExists(atPath: project.cache.path), "a dry run creates no cache")
    }

    @Test func sheetPagesAreDrawnWhileTheVideoIsMadeAndPlacedAfterIt() throws {
        let project = try BuildProject(script: buildScript)
        let plan = try steps(project)
        let draws = plan.steps.filter { $0.kind == .sheetDraw }
        let pages = plan.steps.filter { $0.kind == .sheetPage }
        #expect(!draws.isEmpty && draws.count == pages.count)
        #expect(draws.allSatisfy { $0.status == .runs(.new) })
        // Drawing reads no step of the video; the first page waits for every clip of the
        // timeline (no page is drawn beside a backend's encoder), the others for the first.
        #expect(draws.allSatisfy { !$0.inputs.contains("join") && !$0.inputs.contains("tracks film.mp4") })
        let join = try #require(step(plan, "join"))
        #expect(Set(join.inputs).isSubset(of: Set(draws[0].inputs)))
        #expect(draws.dropFirst().allSatisfy { $0.inputs.last == draws[0].id })
        // Placing a page beside the video reads its drawing and the video.
        for (draw, page) in zip(draws, pages) { #expect(page.inputs == [draw.id, "tracks film.mp4"]) }
    }

    @Test func aNoOpRebuildRunsNothing() async throws {
        let project = try BuildProject(script: buildScript)
        _ = try await project.build()
        // After a cold build only the report would change: its segments would say reused.
        #expect(try steps(project).running.map(\.id) == ["report film.report.json"])
        _ = try await project.build()
        let plan = try steps(project)
        #expect(plan.running.isEmpty)
        #expect(plan.totals.isEmpty)
    }

    @Test func aNoOpRebuildRewritesNoOutput() async throws {
        let project = try BuildProject(script: buildScript)
        var settings = project.settings()
        settings.depfile = project.directory.appendingPathComponent("film.d")
        _ = try await project.build(settings)
        _ = try await project.build(settings)
        // Every file beside the video (the cache aside), with its size and modification time.
        func outputs() -> [String: Int] {
            let files = FileManager.default.enumerator(atPath: project.directory.path)?.allObjects as? [String] ?? []
            return Dictionary(uniqueKeysWithValues: files.filter { !$0.hasPrefix(".animatic-cache") }.compactMap { file in
                RegularFile.status(project.directory.appendingPathComponent(file).path).map { (file, $0.modified) }
            })
        }
        let before = outputs()
        #expect(before.keys.contains("film.plan.json") && before.keys.contains("film.edl") && before.keys.contains("film.d"))
        _ = try await project.build(settings)
        #expect(outputs() == before, "an up-to-date output is left alone, not rewritten with the same bytes")
    }

    @Test func aOneLineEditRunsTheChangedSegmentAndWhatIsMadeFromIt() async throws {
        let project = try BuildProject(script: buildScript)
        _ = try await project.build()
        _ = try await project.build()
        try project.write(buildScript.replacingOccurrences(of: "Fog rolls in", with: "Mist rolls in"))
        let plan = try steps(project)
        let generating = plan.running.filter { $0.kind == .generate }
        #expect(generating.map(\.id) == ["generate 1A-1"])
        #expect(generating.first?.status == .runs(.contentChanged))
        #expect(generating.first?.generation?.prompt.contains("Mist rolls in") == true)
        #expect(step(plan, "tracks film.mp4")?.status == .runs(.contentChanged))
        #expect(step(plan, "thumbnail 1A")?.status.runs == true)
        #expect(step(plan, "thumbnail 2A")?.status == .upToDate)
        // The EDL names no action text: it stays as it is.
        #expect(step(plan, "cut-list film.edl")?.status == .upToDate)
        #expect(step(plan, "cut-list film.csv")?.status == .runs(.contentChanged))
        #expect(plan.totals.map(\.requests) == [1])
    }

    @Test func theCardsRendererRedrawsAHeadingWhoseWordingChanged() async throws {
        let project = try BuildProject(script: buildScript)
        _ = try await project.build()
        try project.write(buildScript.replacingOccurrences(of: "EXT. HARBOR", with: "EXT. Harbor"))
        let plan = try steps(project)
        #expect(plan.running.filter { $0.kind == .generate }.map(\.id) == ["generate 1A-1"])
        #expect(step(plan, "generate 1A-1")?.status == .runs(.contentChanged))
    }

    @Test func aDeletedOutputIsMadeAgainWithoutRequests() async throws {
        let project = try BuildProject(script: buildScript)
        _ = try await project.build()
        _ = try await project.build()
        try FileManager.default.removeItem(at: project.output)
        try FileManager.default.removeItem(at: project.directory.appendingPathComponent("film.srt"))
        let plan = try steps(project)
        #expect(Set(plan.running.map(\.id)) == [
            "join", "tracks film.mp4", "digest film.mp4", "media film.media", "cut-list film.srt", "report film.report.json",
        ])
        #expect(step(plan, "tracks film.mp4")?.status == .runs(.outputMissing))
        #expect(step(plan, "cut-list film.srt")?.status == .runs(.outputMissing))
        #expect(plan.totals.isEmpty)
    }

    @Test func aChangedBackendSettingRegeneratesEverySegment() async throws {
        let project = try BuildProject(script: buildScript)
        let settings = project.settings()
        _ = try await Builder(settings: settings, generator: TunedRenderer(model: "a"))
            .build(try project.compile(settings).plan, scriptPath: project.script.path)
        #expect(try steps(project, generator: TunedRenderer(model: "a")).running.allSatisfy { $0.kind != .generate })
        let plan = try steps(project, generator: TunedRenderer(model: "b"))
        let generates = plan.steps.filter { $0.kind == .generate }
        #expect(!generates.isEmpty && generates.allSatisfy { $0.status == .runs(.contentChanged) })
        #expect(plan.totals.map(\.backend) == ["tuned"] && plan.totals.map(\.requests) == [generates.count])
        #expect(step(plan, "tracks film.mp4")?.status == .runs(.contentChanged))
    }

    @Test func theBuildRunsExactlyTheStepsTheDryRunListsAndWritesOnlyWhatRuns() async throws {
        let project = try BuildProject(script: buildScript)
        _ = try await project.build()
        try project.write(buildScript.replacingOccurrences(of: "Fog rolls in", with: "Mist rolls in"))
        let plan = try steps(project)
        let beside = try FileManager.default.contentsOfDirectory(atPath: project.directory.path)
            .filter { !$0.hasPrefix(".") && $0 != "film.fountain" && $0 != "film.media" }
        func times() -> [String: Int] {
            Dictionary(uniqueKeysWithValues: beside.compactMap { name in
                RegularFile.status(project.directory.appendingPathComponent(name).path).map { (name, $0.modified) }
            })
        }
        let before = times()
        let finished = StepLog()
        let settings = project.settings()
        _ = try await Builder(settings: settings) { event in
            if case let .stepFinished(id, failed) = event { finished.add(id + (failed ? " failed" : "")) }
        }.build(try project.compile(settings).plan, scriptPath: project.script.path)
        #expect(finished.ids.sorted() == plan.steps.map(\.id).sorted())
        // Every file beside the video whose step is up to date is left alone; the others are written.
        let after = times()
        let running = Set(plan.running.map { URL(fileURLWithPath: $0.output).lastPathComponent })
        for name in beside {
            #expect((after[name] != before[name]) == running.contains(name), "\(name)")
        }
    }

    @Test func underKeepGoingAFailureCardWaitsOnEachSegmentThatRuns() async throws {
        let project = try BuildProject(script: buildScript)
        var settings = project.settings()
        settings.keepGoing = true
        let builder = Builder(settings: settings)
        let plan = try builder.stepPlan(for: try project.compile(settings).plan, scriptPath: project.script.path)
        let cards = plan.steps.filter { $0.kind == .failureCard }
        #expect(cards.map(\.id) == plan.steps.filter { $0.kind == .generate }.map { "failure-card " + ($0.generation?.segmentID.rawValue ?? "") })
        #expect(cards.allSatisfy { $0.status == .ifInputFails && !$0.status.runs })
        #expect(step(plan, "join")?.inputs == cards.map(\.id))
        #expect(StepPlanText.render(plan).contains("failure-card 1A-1: only if its input fails\n"))
    }

    @Test func theCommandPrintsThePlanAndWritesNothing() async throws {
        let project = try BuildProject(script: buildScript)
        // Timed by the estimate, for figures that do not depend on eSpeak's version (the voice
        // timing of a dry run is SoundConsistencyTests').
        let text = try await CommandRunner.run(
            ["build", "film.fountain", "--dry-run", "--size", "160x90", "--timing", "estimate"], in: project.directory)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("generate 1A-1: runs (new)\n    backend cards, "))
        #expect(text.stdout.hasSuffix("cards: 4 requests, 10.71 s of video (257 frames)\n"))
        let json = try await CommandRunner.run(
            ["build", "film.fountain", "--dry-run", "--json", "--backend", "dashscope"], in: project.directory)
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["version"] as? Int == 1)
        let steps = try #require(document["steps"] as? [[String: Any]])
        let generation = try #require(steps.first?["generation"] as? [String: Any])
        #expect(generation["backend"] as? String == "dashscope")
        let totals = try #require(document["totals"] as? [[String: Any]])
        #expect(totals.count == 1 && totals.first?["backend"] as? String == "dashscope")
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.directory.path) == ["film.fountain"])
        let misuse = try await CommandRunner.run(["build", "film.fountain", "--json"], in: project.directory)
        #expect(misuse.status == 64)
    }
}

/// Step IDs from concurrent events.
private final class StepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String] = []
    func add(_ id: String) { lock.withLock { entries.append(id) } }
    var ids: [String] { lock.withLock { entries } }
}

/// The storyboard renderer under another name, with a setting that is part of its key.
private struct TunedRenderer: Generator {
    var model: String
    var name: String { "tuned" }
    var settings: String { "model=\(model)" }
    var capabilities: GeneratorCapabilities { StoryboardRenderer().capabilities }
    var inputFiles: [URL] { [] }

    func generate(_ request: GenerationRequest, to destination: URL) async throws {
        try await StoryboardRenderer().generate(request, to: destination)
    }
}

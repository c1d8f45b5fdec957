import Animatic
import Foundation
import Generation
import Media
import Planning
import Testing
import TestSupport

/// What `animatic build` does when a backend cannot make a segment: stop at the first
/// failure, or with `--keep-going` put a failure card in its place and finish.
@Suite("animatic build when a segment fails")
struct BuildFailureTests {
    /// Three one-shot scenes, 3 s each; the middle one's prompt holds the word the fake
    /// model refuses.
    static let script = """
        EXT. HARBOR - DAWN

        Fog rolls in over the water.

        INT. KITCHEN - NIGHT

        Anna reads the letter by candlelight.

        EXT. ROOF - NIGHT

        Ben watches the storm come in.

        """
    static let refusedWord = "candlelight"
    static let secret = "hf_notARealTokenButSecret42"
    /// The house format the builds use.
    static let format = HouseFormat(width: 320, height: 180, frameRate: Rational(24))

    /// A directory with the script, and the runs of the fake model it logs.
    struct Project {
        let directory: URL
        var script: URL { directory.appendingPathComponent("film.fountain") }
        var video: URL { directory.appendingPathComponent("film.mp4") }
        var reportURL: URL { directory.appendingPathComponent("film.report.json") }
        var cache: ClipCache { ClipCache(directory: directory.appendingPathComponent(".animatic-cache")) }
        var runsLog: URL { directory.appendingPathComponent("runs.jsonl") }

        init() throws {
            directory = try temporaryDirectory()
            try Data(BuildFailureTests.script.utf8).write(to: script)
        }

        /// `animatic build` with the fake Wan model, one segment at a time; the middle
        /// segment fails for good unless `fixed`.
        func build(_ extra: [String], fixed: Bool = false) async throws -> CommandRunner.Output {
            let template = "python3 \(BuildBackendFlagTests.fakeWan.path) --task t2v-A14B --size {width}*{height} "
                + "--frame_num {frames} --ckpt_dir \(directory.path) --prompt {prompt} --base_seed {seed} --save_file {output}"
            var environment = ["FAKE_WAN_ARGS": runsLog.path, "HF_TOKEN": BuildFailureTests.secret]
            if !fixed { environment["FAKE_WAN_FAIL_PROMPT"] = BuildFailureTests.refusedWord }
            return try await CommandRunner.run(
                // QC off: these tests count the backend's runs, which retakes of the fake's
                // soft (4x upscaled) clips would add to.
                ["build", script.path, "--size", "320x180", "--backend", "command", "--command-template", template,
                 "--jobs", "1", "--qc", "off"] + extra,
                environment: environment)
        }

        /// The prompts the fake model was run with, in order.
        func runs() throws -> [String] {
            let text = (try? String(contentsOf: runsLog, encoding: .utf8)) ?? ""
            return try text.split(separator: "\n").map { line in
                let arguments = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String] ?? []
                return arguments.firstIndex(of: "--prompt").map { arguments[$0 + 1] } ?? ""
            }
        }

        func report() throws -> BuildReport {
            try #require(BuildReport.read(reportURL))
        }
    }

    @Test func keepGoingPutsAFailureCardOfTheSameLengthInPlaceAndTheNextBuildRetriesIt() async throws {
        let project = try Project()
        defer { try? FileManager.default.removeItem(at: project.directory) }
        let first = try await project.build(["--keep-going"])
        #expect(first.status == 69, "\(first.stderr)")
        #expect(first.stderr.contains("2A-1: failed: command: run python3 for 2A-1 failed: exit status 1"))
        #expect(first.stderr.contains("a failure card stands in for 2A-1\n"))
        #expect(first.stderr.contains("animatic: error: 2A-1 failed: command: run python3 for 2A-1 failed"))
        #expect(first.stderr.contains("; a failure card stands in for it in "))
        #expect(!first.stderr.contains(Self.secret))

        let report = try project.report()
        #expect(report.failed == 1 && report.generated == 2 && report.reused == 0 && report.skipped == 0)
        #expect(report.videoWritten && report.inputsDigest.isEmpty)
        let failed = try #require(report.segments.first { $0.status == .failed })
        #expect(failed.id == "2A-1")
        #expect(failed.reason.contains("the safety checker refused the prompt (hub token [redacted])"))
        #expect(!failed.reason.contains(Self.secret))
        // The failure as a value: the fake model's safety checker refused the content.
        #expect(failed.failure?.kind == .refusedContent && failed.failure?.status == nil)
        #expect(failed.failure?.message == failed.reason)
        #expect(report.segments.allSatisfy { ($0.status == .failed) == ($0.failure != nil) })
        let card = try #require(failed.failureCard)
        #expect(card != failed.key)
        #expect(report.segments.allSatisfy { $0.status == .failed || $0.failureCard == nil })
        // The card is cached under its own key; the segment's key has no clip, so the next
        // build cannot take the card for the segment.
        #expect(project.cache.state(of: failed.key, frames: failed.frames, format: Self.format) == .missing)
        #expect(FileManager.default.fileExists(atPath: project.cache.url(for: card).path))

        // Every output is written, the cut lists and storyboard too (the card's thumbnail
        // stands in for the failed segment's).
        for name in ["film.edl", "film.otio", "film.storyboard.html", "film.contact.png", "film.plan.json"] {
            #expect(FileManager.default.fileExists(atPath: project.directory.appendingPathComponent(name).path), "\(name)")
        }

        // Older than the script, so that make builds it again.
        let times = try [project.video, project.script].map {
            try #require(try FileManager.default.attributesOfItem(atPath: $0.path)[.modificationDate] as? Date)
        }
        #expect(times[0] < times[1])

        // The video keeps the plan's length; the card's frames are where the segment goes.
        #expect(try await ffprobeFrameCount(project.video) == report.totalFrames)
        let frames = try await rgbFrames(project.video, width: 320, height: 180)
        #expect(frames.count == report.totalFrames)
        let cardFrames = try await rgbFrames(
            project.directory.appendingPathComponent("film.media/2A-1.mp4"), width: 320, height: 180)
        #expect(cardFrames.count == failed.frames)
        #expect(Array(frames[failed.startFrame..<failed.startFrame + failed.frames]) == cardFrames)
        for (index, frame) in frames.enumerated() {
            let colour = meanColour(frame)
            let isRed = colour.red > colour.green + 40 && colour.red > colour.blue + 40
            let inCard = (failed.startFrame..<failed.startFrame + failed.frames).contains(index)
            #expect(isRed == inCard, "frame \(index): \(colour)")
        }
        #expect(try project.runs().count == 3)

        // Fixed: the next build makes the failed segment and takes the others from the cache.
        let second = try await project.build(["--keep-going"], fixed: true)
        #expect(second.status == 0, "\(second.stderr)")
        let rebuiltTime = try FileManager.default.attributesOfItem(atPath: project.video.path)[.modificationDate] as? Date
        #expect(rebuiltTime.map { $0 > times[1] } == true)
        let rebuilt = try project.report()
        #expect(rebuilt.failed == 0 && rebuilt.generated == 1 && rebuilt.reused == 2 && !rebuilt.inputsDigest.isEmpty)
        let retried = try #require(rebuilt.segments.first { $0.id == "2A-1" })
        #expect(retried.status == .generated && retried.reason == "failed in the previous build")
        #expect(retried.key == failed.key && retried.failureCard == nil)
        let runs = try project.runs()
        #expect(runs.count == 4 && runs[3].contains(Self.refusedWord))
        let after = try await rgbFrames(project.video, width: 320, height: 180)
        #expect(after.count == rebuilt.totalFrames)
        let middle = meanColour(after[failed.startFrame + failed.frames / 2])
        #expect(!(middle.red > middle.green + 40 && middle.red > middle.blue + 40))
    }

    @Test func withoutKeepGoingTheFirstFailureStopsTheBuildAndWritesNoVideo() async throws {
        let project = try Project()
        defer { try? FileManager.default.removeItem(at: project.directory) }
        let output = try await project.build([])
        #expect(output.status == 69, "\(output.stderr)")
        #expect(output.stderr.contains("animatic: error: 2A-1 failed: command: run python3 for 2A-1 failed: exit status 1"))
        #expect(output.stderr.contains("1 segment not started; no video written"))
        #expect(output.stderr.contains("stopping: 2A-1 failed; no new segment starts, the running ones finish"))
        #expect(!output.stderr.contains(Self.secret))
        for name in ["film.mp4", "film.media", "film.plan.json"] {
            #expect(!FileManager.default.fileExists(atPath: project.directory.appendingPathComponent(name).path), "\(name)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.directory.path)
            .filter { $0.contains(".partial-") }
        #expect(leftovers.isEmpty)

        // 1A-1 was made and stays cached; 2A-1 failed; 3A-1 was never started.
        let report = try project.report()
        #expect(report.segments.map(\.status) == [.generated, .failed, .skipped])
        #expect(report.generated == 1 && report.failed == 1 && report.skipped == 1 && !report.videoWritten)
        #expect(report.segments[2].reason == "not started: the build stopped when 2A-1 failed")
        #expect(report.segments[1].failureCard == nil && report.inputsDigest.isEmpty)
        let runs = try project.runs()
        #expect(runs.count == 2 && runs[1].contains(Self.refusedWord))
        let format = Self.format
        #expect(project.cache.state(of: report.segments[0].key, frames: report.segments[0].frames, format: format) == .valid)
        #expect(project.cache.state(of: report.segments[2].key, frames: report.segments[2].frames, format: format) == .missing)

        let fixed = try await project.build([], fixed: true)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        let rebuilt = try project.report()
        #expect(rebuilt.segments.map(\.reason) == [
            "cached", "failed in the previous build", "not started in the previous build",
        ])
        #expect(try project.runs().count == 4)
        #expect(try await ffprobeFrameCount(project.video) == rebuilt.totalFrames)
    }

    @Test func keepGoingComesFromTheProjectFileAndTheFlagTurnsItOff() async throws {
        let project = try Project()
        defer { try? FileManager.default.removeItem(at: project.directory) }
        try Data("keep_going: true\n".utf8).write(to: project.directory.appendingPathComponent("animatic.yaml"))

        let overridden = try await project.build(["--no-keep-going"])
        #expect(overridden.status == 69, "\(overridden.stderr)")
        #expect(overridden.stderr.contains("no video written"))
        #expect(!FileManager.default.fileExists(atPath: project.video.path))

        let fromFile = try await project.build([])
        #expect(fromFile.status == 69, "\(fromFile.stderr)")
        #expect(fromFile.stderr.contains("a failure card stands in for it in "))
        let report = try project.report()
        #expect(report.videoWritten && report.failed == 1)
        #expect(try await ffprobeFrameCount(project.video) == report.totalFrames)
    }

    @Test func theFirstFailureLetsRunningSegmentsFinishAndStartsNoMore() async throws {
        let project = try BuildProject(script: buildScript)
        var settings = project.settings()
        settings.jobs = 2
        let compilation = try project.compile(settings)
        let segmentIDs = compilation.plan.shots.flatMap(\.segments).map(\.id)
        try #require(segmentIDs.count >= 4)
        // The first segment fails once the second has started beside it; the second
        // finishes only after the build has seen that failure, so no third can start.
        let gate = Gate()
        let generator = FailingGenerator(failing: segmentIDs[0], held: segmentIDs[1], gate: gate)
        let builder = Builder(settings: settings, generator: generator, events: { event in
            if case let .segmentFinished(id, _, error, _, _) = event, id == segmentIDs[0], error != nil { gate.open() }
        })
        let error = await #expect(throws: AnimaticError.self) {
            _ = try await builder.build(compilation.plan, scriptPath: project.script.path)
        }
        #expect(error?.kind == .unavailable && error?.exitCode == 69)
        #expect(error?.message.hasPrefix("\(segmentIDs[0]) failed: cards: draw \(segmentIDs[0]) failed: HTTP 400") == true)
        let report = try #require(BuildReport.read(project.directory.appendingPathComponent("film.report.json")))
        #expect(report.segments.map(\.status) == [.failed, .generated] + Array(repeating: .skipped, count: segmentIDs.count - 2))
        #expect(report.segments[0].reason == "cards: draw \(segmentIDs[0]) failed: HTTP 400: refused")
        #expect(report.segments[0].failure == SegmentFailure(.http, status: 400, message: report.segments[0].reason))
        let json = try String(contentsOf: project.directory.appendingPathComponent("film.report.json"), encoding: .utf8)
        #expect(json.contains("\"kind\" : \"http\"") && json.contains("\"status\" : 400"))
        #expect(generator.started.value == 2)
        #expect(project.cachedClips().count == 1)
        #expect(!FileManager.default.fileExists(atPath: project.output.path))
        #expect(project.partialFiles().isEmpty)
    }
}

/// Opens once; those waiting on it go on.
final class Gate: @unchecked Sendable {
    private let lock = NSLock()
    private var isOpen = false
    func open() { lock.withLock { isOpen = true } }
    func wait() async throws {
        while !lock.withLock({ isOpen }) { try await Task.sleep(for: .milliseconds(5)) }
    }
}

/// The storyboard renderer, but one segment fails for good (once the held one has started)
/// and the held one waits for a gate first.
struct FailingGenerator: Generator {
    var renderer = StoryboardRenderer()
    var failing: SegmentID
    var held: SegmentID
    var gate: Gate
    let started = Counter()
    let heldStarted = Gate()

    var name: String { renderer.name }
    var settings: String { renderer.settings }
    var capabilities: GeneratorCapabilities { renderer.capabilities }
    var inputFiles: [URL] { renderer.inputFiles }

    func generate(_ request: GenerationRequest, to destination: URL) async throws {
        started.increment()
        if request.segmentID == failing {
            try await heldStarted.wait()
            throw BackendError(
                backend: name, operation: "draw \(failing)", failure: .http(status: 400, message: "refused"),
                isPermanent: true)
        }
        if request.segmentID == held {
            heldStarted.open()
            try await gate.wait()
        }
        try await renderer.generate(request, to: destination)
    }
}

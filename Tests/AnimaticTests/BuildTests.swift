import Animatic
import Foundation
import Generation
import JSONForms
import Media
import Planning
import Testing

@Suite("animatic build: the pipeline")
struct BuildTests {
    @Test func buildsAFrameExactVideoWithTracksAndSidecars() async throws {
        let project = try BuildProject(script: buildScript)
        let (compilation, buildPlan, report) = try await project.build()
        let plan = compilation.plan
        #expect(buildPlan.items.count == plan.shots.flatMap(\.segments).count)
        #expect(buildPlan.items.allSatisfy { $0.action == .generate(.new) })

        #expect(try Probe.packetCount(project.output) == plan.totalFrames)
        #expect(try await ffprobeFrameCount(project.output) == plan.totalFrames)
        let info = try Probe.info(project.output)
        #expect(info.video?.metadata["timecode"] == "01:00:00:00")
        let subtitles = info.streams.filter { $0.kind == .subtitle }
        #expect(subtitles.count == 1 && subtitles.first?.metadata["language"] == "eng")
        #expect(info.chapters.map(\.title) == ["EXT. HARBOR - DAWN", "INT. KITCHEN - NIGHT"])

        #expect(report.generated == buildPlan.items.count && report.reused == 0 && report.failed == 0)
        #expect(report.totalFrames == plan.totalFrames && report.videoWritten)
        #expect(report.segments.map(\.id) == buildPlan.items.map(\.segmentID))
        #expect(report.segments.map(\.key) == buildPlan.items.map(\.key))
        #expect(BuildReport.read(project.directory.appendingPathComponent("film.report.json")) == report)
        let planJSON = try Data(contentsOf: project.directory.appendingPathComponent("film.plan.json"))
        #expect(try planJSON == PlanJSON.encode(plan) + Data("\n".utf8))
        let media = project.directory.appendingPathComponent("film.media")
        for item in buildPlan.items {
            let clip = media.appendingPathComponent(item.segmentID.rawValue + ".mp4")
            #expect(try Probe.packetCount(clip) == item.frames)
        }
        #expect(project.partialFiles().isEmpty)
    }

    /// The subtitles are tagged with the language the dialogue is in, not the prompts'.
    @Test(arguments: [PromptLanguageChoice.english, .auto])
    func chineseDialogueIsTaggedChinese(prompts: PromptLanguageChoice) async throws {
        let project = try BuildProject(script: "内景 厨房 - 夜\n\n安娜坐在桌边。\n\n安娜\n这么晚了，还去哪儿？\n")
        var settings = project.settings()
        settings.planConfiguration.promptLanguage = prompts
        _ = try await project.build(settings)
        let subtitles = try Probe.info(project.output).streams.filter { $0.kind == .subtitle }
        #expect(subtitles.count == 1 && subtitles.first?.metadata["language"] == "chi")
    }

    @Test func subtitlesFollowTheDialogueSegments() async throws {
        let project = try BuildProject(script: buildScript)
        let (_, buildPlan, _) = try await project.build()
        let text = try await runTool(
            "ffprobe",
            ["-v", "error", "-select_streams", "s:0", "-show_entries", "packet=pts_time,duration_time,size", "-of", "csv=p=0",
             project.output.path])
        // MP4 fills the gaps between cues with empty samples (2 bytes: a zero length).
        let cues = text.split(separator: "\n").map { $0.split(separator: ",").compactMap { Double($0) } }
            .filter { $0.count == 3 && $0[2] > 2 }
        let dialogue = buildPlan.items.filter { $0.request.content.card.dialogue != nil }
        #expect(cues.count == dialogue.count)
        for (cue, item) in zip(cues, dialogue) {
            #expect(abs(cue[0] - Double(item.startFrame) / 24) < 0.001)
            #expect(abs(cue[1] - Double(item.frames) / 24) < 0.001)
        }
    }

    @Test func aRebuildWithNothingChangedGeneratesNothing() async throws {
        let project = try BuildProject(script: buildScript)
        _ = try await project.build()
        let clips = project.cachedClips()
        let (_, buildPlan, report) = try await project.build()
        #expect(buildPlan.toGenerate.isEmpty)
        #expect(report.generated == 0 && report.reused == buildPlan.items.count)
        #expect(report.segments.allSatisfy { $0.status == .reused && $0.reason == "cached" })
        #expect(!report.videoWritten, "an up-to-date video is not joined again")
        #expect(project.cachedClips() == clips)
    }

    @Test func anEditRegeneratesExactlyTheChangedSegments() async throws {
        let project = try BuildProject(script: buildScript)
        let (_, firstPlan, _) = try await project.build()
        try project.write(buildScript.replacingOccurrences(of: "I know.", with: "I know. I signed it."))
        let (compilation, buildPlan, report) = try await project.build()

        let before = Dictionary(uniqueKeysWithValues: firstPlan.items.map { ($0.segmentID, $0.key) })
        let changed = buildPlan.items.filter { before[$0.segmentID] != $0.key }.map(\.segmentID)
        #expect(!changed.isEmpty && changed.count < buildPlan.items.count)
        #expect(buildPlan.toGenerate.map(\.segmentID) == changed)
        #expect(buildPlan.toGenerate.allSatisfy { before[$0.segmentID] == nil ? $0.action == .generate(.new)
            : $0.action == .generate(.contentChanged) })
        #expect(report.generated == changed.count && report.reused == buildPlan.items.count - changed.count)
        #expect(report.videoWritten)
        #expect(try Probe.packetCount(project.output) == compilation.plan.totalFrames)
    }

    @Test func aCorruptOrMissingEntryIsRegenerated() async throws {
        let project = try BuildProject(script: buildScript)
        let (_, first, _) = try await project.build()
        let cache = ClipCache(directory: project.cache)
        let corrupt = first.items[0], missing = first.items[1]
        try Data("not a video".utf8).write(to: cache.url(for: corrupt.key))
        try FileManager.default.removeItem(at: cache.url(for: missing.key))
        let (_, buildPlan, report) = try await project.build()
        #expect(buildPlan.toGenerate.map(\.segmentID) == [corrupt.segmentID, missing.segmentID])
        guard case .generate(.entryCorrupt) = buildPlan.items[0].action else {
            Issue.record("expected a corrupt entry, got \(buildPlan.items[0].action)")
            return
        }
        #expect(buildPlan.items[1].action == .generate(.entryMissing))
        #expect(report.generated == 2)
        #expect(cache.state(of: corrupt.key, frames: corrupt.frames, format: project.settings().format) == .valid)
    }

    @Test func dropFrameTimecodeAt2997() async throws {
        let project = try BuildProject(script: buildScript)
        let settings = project.settings(frameRate: .videoNTSC)
        let (compilation, _, _) = try await project.build(settings)
        let info = try Probe.info(project.output)
        #expect(info.video?.metadata["timecode"] == "01:00:00;00")
        #expect(try Probe.packetCount(project.output) == compilation.plan.totalFrames)
    }

    @Test func cancellingLeavesNoOutputAndKeepsFinishedClips() async throws {
        let project = try BuildProject(script: buildScript)
        var settings = project.settings(size: FrameSize(width: 320, height: 180))
        settings.jobs = 1
        let compilation = try project.compile(settings)
        let finished = Counter()
        let builder = Builder(settings: settings, events: { event in
            if case .segmentFinished = event { finished.increment() }
        })
        let plan = compilation.plan, scriptPath = project.script.path
        let task = Task { try await builder.build(plan, scriptPath: scriptPath) }
        while finished.value == 0 { try await Task.sleep(for: .milliseconds(5)) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(!FileManager.default.fileExists(atPath: project.output.path))
        #expect(!FileManager.default.fileExists(atPath: project.directory.appendingPathComponent("film.report.json").path))
        #expect(project.partialFiles().isEmpty)
        #expect(project.cachedClips().count >= 1)
        let (_, buildPlan, _) = try await project.build(settings)
        #expect(buildPlan.items.contains { $0.action == .reuse })
    }
}

/// A thread-safe counter for event handlers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// The storyboard renderer, declared as a backend that starts a clip from an image.
private struct ImageStartingRenderer: Generator {
    var renderer = StoryboardRenderer()
    var name: String { "from-image" }
    var settings: String { renderer.settings }
    var capabilities: GeneratorCapabilities { GeneratorCapabilities(imageToVideo: true, writesHouseFormat: true) }
    var inputFiles: [URL] { renderer.inputFiles }
    func generate(_ request: GenerationRequest, to destination: URL) async throws {
        try await renderer.generate(request, to: destination)
    }
}

/// A backend that starts clips from an image and cannot make a shot's first segment.
private struct FirstSegmentFailingRenderer: Generator {
    struct Refused: Error, CustomStringConvertible { var description: String { "refused" } }
    var name: String { "from-image-failing" }
    var settings: String { "" }
    var capabilities: GeneratorCapabilities { GeneratorCapabilities(imageToVideo: true, writesHouseFormat: true) }
    var inputFiles: [URL] { [] }
    func generate(_ request: GenerationRequest, to destination: URL) async throws {
        if request.shotStartFrame == 0 { throw Refused() }
        try await StoryboardRenderer().generate(request, to: destination)
    }
}

@Suite("animatic build: continuations made from an image")
struct ContinuationPlanTests {
    @Test func aContinuationOfAFailedSegmentFailsWithoutARequest() async throws {
        let project = try BuildProject(script: "EXT. HARBOR - DAWN\n\n[[shot: WS; duration: 25s]]\nFog rolls in.\n")
        var settings = project.settings()
        settings.keepGoing = true
        let plan = try project.compile(settings).plan
        await #expect(throws: AnimaticError.self) {
            try await Builder(settings: settings, generator: FirstSegmentFailingRenderer())
                .build(plan, scriptPath: project.script.path)
        }
        let report = try #require(BuildReport.read(settings.reportURL))
        #expect(report.segments.map(\.status) == [.failed, .failed, .failed])
        #expect(report.segments.map(\.reason) == [
            "refused",
            "it continues 1A-1, which failed, so there is no frame to start it from",
            "it continues 1A-2, which failed, so there is no frame to start it from",
        ])
        #expect(report.segments.allSatisfy { $0.failureCard != nil }, "a card stands in for each")
    }

    @Test func aContinuationIsKeyedOnTheClipItStartsFrom() throws {
        let project = try BuildProject(script: "EXT. HARBOR - DAWN\n\n[[shot: WS; duration: 25s]]\nFog rolls in.\n")
        let settings = project.settings()
        let plan = try project.compile(settings).plan
        let cache = ClipCache(directory: project.cache)
        let generator = ImageStartingRenderer()
        let items = try BuildPlan.make(plan: plan, settings: settings, generator: generator, cache: cache, previous: nil).items
        try #require(items.count == 3)
        #expect(items.map(\.continues) == [nil, items[0].key, items[1].key])
        #expect(try items[0].key == ClipCache.key(for: items[0].request, generator: generator))
        #expect(try items[1].key != ClipCache.key(for: items[1].request, generator: generator))
        // Without image-to-video a segment's key is its own content's alone.
        let plain = try BuildPlan.make(plan: plan, settings: settings, generator: StoryboardRenderer(), cache: cache, previous: nil)
        #expect(plain.items.allSatisfy { $0.continues == nil })
        #expect(try plain.items.map(\.key) == plain.items.map { try ClipCache.key(for: $0.request, generator: StoryboardRenderer()) })
    }
}

import Foundation
import Media
import Testing

@testable import Generation
import TestSupport

/// The Wan2.2 preset run against the fake `generate.py` in `Fakes/`, with `variables` added
/// to the environment.
private func fakeWan(_ task: WanTask = .t2vA14B, checkpoints: URL, _ variables: [String: String] = [:]) throws
    -> CommandGenerator
{
    let environment = ProcessInfo.processInfo.environment.merging(variables) { $1 }
    return try CommandGenerator.wan22(
        task, checkout: backendTestsDirectory.appendingPathComponent("Fakes"), checkpoints: checkpoints,
        environment: environment)
}

/// The request with `frames` frames (at its 24 fps timeline).
private func request(frames: Int, format: HouseFormat = tinyFormat) -> GenerationRequest {
    var request = backendRequests(1)[0]
    request.content.frames = frames
    request.format = format
    return request
}

/// Whether `pid` is gone (or a zombie waiting to be reaped: it runs no more).
private func isGone(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return kill(pid, 0) != 0 }
    return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
}

@Suite struct BackendCommandTests {
    @Test func templatesSplitLikeAShellButNothingMore() throws {
        let template = try CommandTemplate(
            parsing: #"python3 "my dir/generate.py" --note 'a "b" c' x\ y --out={output} --p "$HOME \"q\"""#)
        #expect(
            template.arguments == [
                "python3", "my dir/generate.py", "--note", #"a "b" c"#, "x y", "--out={output}", "--p", #"$HOME "q""#,
            ])
        #expect(throws: BackendError.self) { try CommandTemplate(parsing: "generate --prompt {prompt}") }
        #expect(throws: BackendError.self) { try CommandTemplate(parsing: "generate 'open {output}") }
        #expect(throws: BackendError.self) { try CommandTemplate(arguments: []) }
    }

    @Test func eachArgumentExpandsOnItsOwnWithoutAShell() throws {
        let template = try CommandTemplate(
            parsing:
                "run --prompt {prompt} --size {width}*{height} --n {frames} --image {reference} -o {output} {unknown}")
        var segment = request(frames: 48)
        segment.content.prompt = #"Anna's "letter"; rm -rf / $(whoami) `id` {seed}"#
        let shape = OutputProfile(sizes: WanTask.t2vA14B.sizes, frameRate: 16, frameCount: .fourNPlusOne)
            .shape(for: segment)
        let arguments = template.expand(PlaceholderValues(request: segment, shape: shape, output: "/tmp/o.mp4"))
        #expect(
            arguments == [
                "run", "--prompt", segment.content.prompt, "--size", "832*480", "--n", "33", "-o", "/tmp/o.mp4",
                "{unknown}",
            ])
        segment.referenceImage = URL(fileURLWithPath: "/tmp/last frame.png")
        let withImage = template.expand(PlaceholderValues(request: segment, shape: shape, output: "/tmp/o.mp4"))
        #expect(withImage.contains("/tmp/last frame.png"))
        #expect(withImage[withImage.firstIndex(of: "/tmp/last frame.png")! - 1] == "--image")
    }

    @Test(arguments: [(48, 33), (72, 49), (120, 81), (240, 161), (1, 5)])
    func wanFrameCountsAreFourNPlusOne(timelineFrames: Int, wanFrames: Int) {
        let profile = OutputProfile(sizes: WanTask.t2vA14B.sizes, frameRate: 16, frameCount: .fourNPlusOne)
        #expect(profile.shape(for: request(frames: timelineFrames)).frames == wanFrames)
        #expect((wanFrames - 1) % 4 == 0)
    }

    @Test func sizesFollowTheShapeThenTheSmallestThatCovers() {
        let a14b = WanTask.t2vA14B.sizes
        #expect(FrameSize(width: 160, height: 90).closest(in: a14b) == FrameSize(width: 832, height: 480))
        #expect(FrameSize(width: 1280, height: 720).closest(in: a14b) == FrameSize(width: 1280, height: 720))
        #expect(FrameSize(width: 1920, height: 1080).closest(in: a14b) == FrameSize(width: 1280, height: 720))
        #expect(FrameSize(width: 720, height: 1280).closest(in: a14b) == FrameSize(width: 720, height: 1280))
        #expect(
            FrameSize(width: 640, height: 360).closest(in: WanTask.ti2v5B.sizes) == FrameSize(width: 1280, height: 704))
        #expect(WanTask.t2vA14B.longestClipMilliseconds == 5062)
        #expect(WanTask.ti2v5B.frameRate == 24)
    }

    @Test func thePresetDeclaresWhatWanMakes() throws {
        let scratch = try Scratch()
        let a14b = try fakeWan(checkpoints: scratch.url)
        #expect(a14b.capabilities.sizes == WanTask.t2vA14B.sizes)
        #expect(a14b.capabilities.frameRates == [Rational(16)])
        #expect(a14b.capabilities.maxParallelJobs == 1)
        #expect(!a14b.capabilities.imageToVideo)
        #expect(try fakeWan(.ti2v5B, checkpoints: scratch.url).capabilities.imageToVideo)
        #expect(a14b.settings.contains("--task t2v-A14B"))
        #expect(a14b.settings.contains("frames=fourNPlusOne"))
    }

    @Test func theFakeWanWritesARealClipOfTheWrongSizeAndRate() async throws {
        let scratch = try Scratch()
        let argumentsLog = scratch.file("args.jsonl")
        let generator = try fakeWan(checkpoints: scratch.url, ["FAKE_WAN_ARGS": argumentsLog.path])
        var segment = request(frames: 48)
        segment.content.prompt = #"Anna's "letter"; echo $(whoami) > /tmp/pwned"#
        let destination = scratch.file("out/clip.mp4")
        try await generator.generate(segment, to: destination)
        let video = try #require(try Probe.info(destination).video)
        #expect(video.width == 208 && video.height == 120)
        #expect(video.frameRate.map { $0.isEquivalent(to: Rational(10)) } == true)
        #expect(try Probe.packetCount(destination) == 33)
        let line = try String(contentsOf: argumentsLog, encoding: .utf8).split(separator: "\n")[0]
        let arguments = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String])
        #expect(arguments[arguments.firstIndex(of: "--prompt")! + 1] == segment.content.prompt)
        #expect(arguments[arguments.firstIndex(of: "--base_seed")! + 1] == "1")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/pwned"))
        #expect(filesUnder(scratch.file("out")).map(\.lastPathComponent) == ["clip.mp4"])
    }

    @Test(arguments: [
        ("error", true, "checkpoint not found"), ("oom", false, "CUDA out of memory"), ("signal", false, "signal 9"),
        ("nofile", true, "without writing"), ("notvideo", false, "unusable output"),
    ])
    func failuresAreClassifiedAndLeaveNothing(mode: String, permanent: Bool, message: String) async throws {
        let scratch = try Scratch()
        let generator = try fakeWan(checkpoints: scratch.url, ["FAKE_WAN_MODE": mode])
        let destination = scratch.file("out/clip.mp4")
        let error = await backendError { try await generator.generate(request(frames: 24), to: destination) }
        #expect(error?.isPermanent == permanent)
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        #expect(filesUnder(scratch.file("out")).isEmpty)
    }

    @Test func aMissingProgramFailsPermanently() async throws {
        let scratch = try Scratch()
        let generator = CommandGenerator(template: try CommandTemplate(parsing: "no-such-program-here {output}"))
        let error = await backendError {
            try await generator.generate(request(frames: 24), to: scratch.file("clip.mp4"))
        }
        #expect(error?.isPermanent == true)
        #expect(error?.failure == .launch("no-such-program-here is not an executable file"))
    }

    @Test func anOutOfMemoryRunIsRetriedAndThenSucceeds() async throws {
        let scratch = try Scratch()
        let generator = try fakeWan(
            checkpoints: scratch.url,
            ["FAKE_WAN_MODE": "oom", "FAKE_WAN_FAILURES": "1", "FAKE_WAN_STATE": scratch.file("runs").path])
        let recorder = WaitRecorder()
        let scheduled = ScheduledGenerator(backend: generator, sleeper: recorder.sleeper())
        try await scheduled.generate(request(frames: 24), to: scratch.file("clip.mp4"))
        #expect(try String(contentsOf: scratch.file("runs"), encoding: .utf8) == "2")
        #expect(await recorder.waits.count == 1)
        #expect(StagedClip.problem(with: scratch.file("clip.mp4")) == nil)
    }

    @Test func theTimeLimitKillsTheWholeProcessGroup() async throws {
        let scratch = try Scratch()
        let pidFile = scratch.file("child.pid")
        let generator = try fakeWan(
            checkpoints: scratch.url,
            ["FAKE_WAN_MODE": "sleep", "FAKE_WAN_SLEEP": "600", "FAKE_WAN_PIDFILE": pidFile.path])
        let scheduled = ScheduledGenerator(backend: generator, segmentTimeLimit: .seconds(2))
        let started = ContinuousClock.now
        let error = await backendError {
            try await scheduled.generate(request(frames: 24), to: scratch.file("out/clip.mp4"))
        }
        #expect(error?.failure == .timedOut(seconds: 2))
        // Far below the program's 600 s sleep, with room for a loaded 2-core machine
        // where the whole suite runs in parallel (a CI run once took 41 s here).
        #expect(ContinuousClock.now - started < .seconds(300))
        let pid = try #require(Int32(try String(contentsOf: pidFile, encoding: .utf8)))
        // Killed, it may still wait for a CPU to die on a loaded machine (state R, SIGKILL
        // pending): give it seconds, far below its own sleep.
        try await waitUntil { isGone(pid) }
        #expect(filesUnder(scratch.file("out")).isEmpty)
    }

    @Test func cancellationKillsTheProgramAndLeavesNoPartialFile() async throws {
        let scratch = try Scratch()
        let pidFile = scratch.file("child.pid")
        let generator = try fakeWan(
            checkpoints: scratch.url,
            ["FAKE_WAN_MODE": "sleep", "FAKE_WAN_SLEEP": "60", "FAKE_WAN_PIDFILE": pidFile.path])
        let destination = scratch.file("out/clip.mp4")
        let segment = request(frames: 24)
        let task = Task { try await generator.generate(segment, to: destination) }
        try await waitUntil { FileManager.default.fileExists(atPath: pidFile.path) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        let pid = try #require(Int32(try String(contentsOf: pidFile, encoding: .utf8)))
        // Killed, it may still wait for a CPU to die on a loaded machine (state R, SIGKILL
        // pending): give it seconds, far below its own sleep.
        try await waitUntil { isGone(pid) }
        #expect(filesUnder(scratch.file("out")).isEmpty)
    }
}

import Foundation
import Media
import Testing

@testable import Generation
import TestSupport

/// The fake worker in `Fakes/`, `workers` of them (or one per GPU), with `variables` added
/// to the environment and logs in `scratch`.
private func fakeWorker(
    _ scratch: Scratch, workers: Int = 1, gpus: [String]? = nil, arguments: [String] = [],
    _ variables: [String: String] = [:]
) throws -> WorkerGenerator {
    let program = backendTestsDirectory.appendingPathComponent("Fakes/fake_worker.py").path
    return WorkerGenerator(
        command: try WorkerCommand(arguments: ["python3", program] + arguments), workers: workers, gpus: gpus,
        environment: ProcessInfo.processInfo.environment.merging(variables) { $1 },
        logDirectory: scratch.file("logs"))
}

/// The lines of `file`, none when it is missing.
private func lines(_ file: URL) -> [String] {
    ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
}

/// Whether `pid` is gone (or a zombie: it runs no more).
private func isGone(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return kill(pid, 0) != 0 }
    return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
}

/// Fractions reported by the backend, from any thread.
private final class Fractions: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double] = []
    func add(_ value: Double) { lock.withLock { values.append(value) } }
    var all: [Double] { lock.withLock { values } }
}

@Suite struct BackendWorkerTests {
    @Test func hotWorkersEachLoadOnceServeEveryRequestAndSeeTheirOwnGPU() async throws {
        let scratch = try Scratch()
        let starts = scratch.file("starts"), received = scratch.file("requests")
        var pids: [Int32] = []
        do {
            let generator = try fakeWorker(
                scratch, gpus: ["3", "5"],
                ["FAKE_WORKER_STARTS": starts.path, "FAKE_WORKER_REQUESTS": received.path])
            #expect(generator.capabilities.maxParallelJobs == 2)
            let fractions = Fractions()
            let requests = backendRequests(5)
            let out = scratch.file("out")
            try await GenerationProgress.listening({ fractions.add($0) }) {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for request in requests {
                        group.addTask { try await generator.generate(request, to: out.appendingPathComponent("\(request.segmentID).mp4")) }
                    }
                    try await group.waitForAll()
                }
            }
            for request in requests {
                let clip = scratch.file("out/\(request.segmentID).mp4")
                #expect(StagedClip.problem(with: clip) == nil)
                let video = try #require(try Probe.info(clip).video)
                #expect(video.width == 160 && video.height == 90)
                #expect(video.frameRate.map { $0.isEquivalent(to: Rational(12)) } == true)
            }
            // Two workers, each loaded once, one per GPU, served all five requests.
            let started = lines(starts)
            #expect(started.count == 2)
            #expect(Set(started.map { $0.split(separator: " ").last.map(String.init) ?? "" }) == ["3", "5"])
            #expect(await generator.workersStarted == 2)
            pids = started.compactMap { $0.split(separator: " ").first.flatMap { Int32($0) } }
            #expect(fractions.all.filter { $0 == 0.25 }.count == 5 && fractions.all.filter { $0 == 0.75 }.count == 5)
            // Every request line holds exactly the protocol's fields.
            let sent = lines(received)
            #expect(sent.count == 5)
            let first = try #require(try JSONSerialization.jsonObject(with: Data(sent[0].utf8)) as? [String: Any])
            #expect(Set(first.keys) == [
                "id", "prompt", "negative_prompt", "seed", "frames", "fps", "width", "height", "image", "output",
            ])
            #expect(first["image"] is NSNull)
            #expect((first["output"] as? String)?.hasPrefix("/") == true)
            // 24 timeline frames at 24 fps are 12 frames at the worker's 12 fps.
            #expect(first["frames"] as? Int == requests[0].content.frames / 2)
            #expect(filesUnder(scratch.file("out")).count == 5)
        }
        // The backend is gone: its workers saw the end of their input and exited.
        try await waitUntil { pids.allSatisfy(isGone) }
    }

    @Test func aCrashedWorkerIsRestartedAndItsRequestRetriedAsTransient() async throws {
        let scratch = try Scratch()
        let starts = scratch.file("starts")
        let generator = try fakeWorker(
            scratch, ["FAKE_WORKER_STARTS": starts.path, "FAKE_WORKER_CRASH": scratch.file("crashed").path])
        let direct = await backendError {
            try await generator.generate(backendRequests(1)[0], to: scratch.file("out/a.mp4"))
        }
        #expect(direct?.isPermanent == false)
        #expect(direct?.description.contains("exit status 3") == true, "\(String(describing: direct))")
        #expect(direct?.description.contains("Segmentation fault (simulated)") == true)
        #expect(filesUnder(scratch.file("out")).isEmpty)
        let recorder = WaitRecorder()
        let scheduled = ScheduledGenerator(backend: generator, sleeper: recorder.sleeper())
        try await scheduled.generate(backendRequests(1)[0], to: scratch.file("out/a.mp4"))
        #expect(StagedClip.problem(with: scratch.file("out/a.mp4")) == nil)
        #expect(lines(starts).count == 2)
        #expect(await recorder.waits.isEmpty)
    }

    @Test func aWorkerThatDiedIdleFailsTheNextRequestTransientlyAndIsRestarted() async throws {
        let scratch = try Scratch()
        let generator = try fakeWorker(scratch, ["FAKE_WORKER_EXIT_AFTER": "1"])
        let requests = backendRequests(2)
        try await generator.generate(requests[0], to: scratch.file("1.mp4"))
        // The worker has exited; the next request finds its input closed (or its output ended).
        try await Task.sleep(for: .milliseconds(300))
        let error = await backendError { try await generator.generate(requests[1], to: scratch.file("2.mp4")) }
        #expect(error?.isPermanent == false, "\(String(describing: error))")
        try await generator.generate(requests[1], to: scratch.file("2.mp4"))
        #expect(await generator.workersStarted == 2)
    }

    @Test func theSchedulerRetriesACrashOnItsOwn() async throws {
        let scratch = try Scratch()
        let generator = try fakeWorker(scratch, ["FAKE_WORKER_CRASH": scratch.file("crashed").path])
        let recorder = WaitRecorder()
        try await ScheduledGenerator(backend: generator, sleeper: recorder.sleeper())
            .generate(backendRequests(1)[0], to: scratch.file("a.mp4"))
        #expect(await recorder.waits.count == 1)
        #expect(await generator.workersStarted == 2)
    }

    @Test func aPermanentErrorReplyFailsAtOnceAndKeepsTheWorker() async throws {
        let scratch = try Scratch()
        let generator = try fakeWorker(scratch, ["FAKE_WORKER_FAIL_SEED": "2"])
        let scheduled = ScheduledGenerator(backend: generator, sleeper: WaitRecorder().sleeper())
        let requests = backendRequests(3)
        try await scheduled.generate(requests[0], to: scratch.file("1.mp4"))
        let error = await backendError { try await scheduled.generate(requests[1], to: scratch.file("2.mp4")) }
        #expect(error?.isPermanent == true && error?.attempts == 1)
        #expect(error?.description.contains("prompt refused by the safety checker") == true)
        try await scheduled.generate(requests[2], to: scratch.file("3.mp4"))
        #expect(await generator.workersStarted == 1)
        #expect(!FileManager.default.fileExists(atPath: scratch.file("2.mp4").path))
    }

    @Test func aLineOutsideTheProtocolEndsTheWorkerAndFailsForGood() async throws {
        let scratch = try Scratch()
        let generator = try fakeWorker(scratch, ["FAKE_WORKER_GARBAGE_SEED": "1"])
        let requests = backendRequests(2)
        let error = await backendError { try await generator.generate(requests[0], to: scratch.file("1.mp4")) }
        #expect(error?.isPermanent == true)
        #expect(error?.failure == .protocolViolation("not a JSON object: \"Loading checkpoint shards: 100%\""))
        try await generator.generate(requests[1], to: scratch.file("2.mp4"))
        #expect(await generator.workersStarted == 2)
    }

    @Test func aWorkerOfAnotherProtocolOrOneThatCannotStartIsRefused() async throws {
        let scratch = try Scratch()
        let newer = try fakeWorker(scratch, ["FAKE_WORKER_PROTOCOL": "2"])
        let version = await backendError { try await newer.generate(backendRequests(1)[0], to: scratch.file("a.mp4")) }
        #expect(version?.isPermanent == true)
        #expect(version?.failure == .protocolViolation("it speaks protocol 2; this build speaks 1"))
        let broken = try fakeWorker(scratch, ["FAKE_WORKER_EXIT_EARLY": "1"])
        let early = await backendError { try await broken.generate(backendRequests(1)[0], to: scratch.file("a.mp4")) }
        #expect(early?.isPermanent == true)
        #expect(early?.description.contains("exit status 2") == true)
        #expect(early?.description.contains("no checkpoint found at /nowhere") == true)
        let missing = WorkerGenerator(
            command: try WorkerCommand(arguments: ["no-such-worker-here"]), logDirectory: scratch.file("logs"))
        let launch = await backendError { try await missing.generate(backendRequests(1)[0], to: scratch.file("a.mp4")) }
        #expect(launch?.failure == .launch("no-such-worker-here is not an executable file"))
    }

    @Test func aSegmentLongerThanTheWorkerMakesFailsForGood() async throws {
        let scratch = try Scratch()
        let generator = try fakeWorker(scratch, ["FAKE_WORKER_MAX_FRAMES": "5"])
        let error = await backendError { try await generator.generate(backendRequests(1)[0], to: scratch.file("a.mp4")) }
        #expect(error?.isPermanent == true)
        #expect(error?.description.contains("at most 5") == true, "\(String(describing: error))")
    }

    @Test func cancellationEndsTheWorkersProcessGroupAndTheNextRequestStartsAnother() async throws {
        let scratch = try Scratch()
        let pidFile = scratch.file("child.pid")
        let generator = try fakeWorker(
            scratch, ["FAKE_WORKER_SLOW_SEED": "1", "FAKE_WORKER_PIDFILE": pidFile.path])
        let requests = backendRequests(2)
        let destination = scratch.file("out/1.mp4")
        let task = Task { try await generator.generate(requests[0], to: destination) }
        try await waitUntil { FileManager.default.fileExists(atPath: pidFile.path) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        let pid = try #require(Int32(lines(pidFile).first ?? ""))
        // Killed, it may still wait for a CPU to die on a loaded machine: give it seconds, far below its sleep.
        try await waitUntil { isGone(pid) }
        #expect(filesUnder(scratch.file("out")).isEmpty)
        try await generator.generate(requests[1], to: scratch.file("out/2.mp4"))
        #expect(await generator.workersStarted == 2)
    }

    @Test func theTimeLimitEndsASlowRequest() async throws {
        let scratch = try Scratch()
        let pidFile = scratch.file("child.pid")
        let generator = try fakeWorker(
            scratch, ["FAKE_WORKER_SLOW_SEED": "1", "FAKE_WORKER_PIDFILE": pidFile.path])
        let scheduled = ScheduledGenerator(
            backend: generator, policy: RetryPolicy(maxAttempts: 1), segmentTimeLimit: .seconds(3))
        let error = await backendError { try await scheduled.generate(backendRequests(1)[0], to: scratch.file("a.mp4")) }
        #expect(error?.failure == .timedOut(seconds: 3))
        let pid = try #require(Int32(lines(pidFile).first ?? ""))
        // Killed, it may still wait for a CPU to die on a loaded machine: give it seconds, far below its sleep.
        try await waitUntil { isGone(pid) }
    }

    @Test func repliesAreReadExactlyAsTheProtocolSaysAndNothingElse() throws {
        #expect(try WorkerReply.parse(#"{"event":"ready","protocol":1,"max_frames":121,"fps":24,"sizes":["1280x704"]}"#)
            == .ready(WorkerReady(maxFrames: 121, fps: 24, sizes: [FrameSize(width: 1280, height: 704)]), protocol: 1))
        #expect(try WorkerReply.parse(#"{"id":"2K-1","event":"progress","fraction":0.4}"#) == .progress(id: "2K-1", fraction: 0.4))
        #expect(try WorkerReply.parse(#"{"id":"2K-1","event":"done"}"#) == .done(id: "2K-1"))
        #expect(try WorkerReply.parse(#"{"id":"2K-1","event":"error","message":"oom","permanent":false}"#)
            == .error(id: "2K-1", message: "oom", permanent: false))
        for line in ["", "done", "[1]", #"{"id":"2K-1"}"#, #"{"event":"done"}"#, #"{"id":"1","event":"finished"}"#,
                     #"{"id":"1","event":"progress"}"#, #"{"event":"ready","protocol":1,"max_frames":0,"fps":24,"sizes":["1x1"]}"#] {
            #expect(throws: WorkerProtocolError.self, "\(line)") { try WorkerReply.parse(line) }
        }
        let request = WorkerRequest(
            id: "2K-1", prompt: "a \"quoted\"\nline", negativePrompt: "", seed: 42, frames: 97, fps: 24, width: 1280,
            height: 704, image: nil, output: "/abs/path.mp4")
        let text = String(decoding: request.line, as: UTF8.self)
        #expect(text == #"{"fps":24,"frames":97,"height":704,"id":"2K-1","image":null,"negative_prompt":"","output":"/abs/path.mp4","prompt":"a \"quoted\"\nline","seed":42,"width":1280}"# + "\n")
        #expect(text.filter { $0 == "\n" }.count == 1)
    }

    @Test func aWanTaskInTheCommandGivesItsProfileAndTheKeyIgnoresGPUs() throws {
        let scratch = try Scratch()
        let ti2v = try fakeWorker(scratch, gpus: ["0", "1"], arguments: ["--task", "ti2v-5B"])
        #expect(ti2v.capabilities.longestClipMilliseconds == WanTask.ti2v5B.longestClipMilliseconds)
        #expect(ti2v.capabilities.imageToVideo)
        #expect(ti2v.capabilities.frameRates == [Rational(24)])
        let other = try fakeWorker(scratch, workers: 3, arguments: ["--task", "ti2v-5B"])
        let request = backendRequests(1)[0]
        #expect(try ti2v.keyMaterial(for: request) == (try other.keyMaterial(for: request)))
        var changed = request
        changed.content.seed += 1
        #expect(try ti2v.keyMaterial(for: request) != (try ti2v.keyMaterial(for: changed)))
        let plain = try fakeWorker(scratch)
        #expect(!plain.capabilities.imageToVideo && plain.capabilities.longestClipMilliseconds == nil)
    }
}

/// The shipped Wan2.2 worker, checked without weights.
@Suite struct Wan22WorkerSelfTests {
    /// Runs `workers/wan22_worker.py` with `arguments`: its exit status and standard output.
    private func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let script = backendTestsDirectory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("workers/wan22_worker.py")
        var worker = Program(onPath: "python3", [script.path] + arguments)
        worker.stderr = .discard
        let output = try await worker.run()
        return (output.status, output.stdout)
    }

    @Test(arguments: ["t2v-A14B", "ti2v-5B", "i2v-A14B"])
    func theSelfTestPassesAndAnnouncesWhatThePresetPlansFor(task: String) async throws {
        let (status, output) = try await run(["--self-test", "--task", task, "--ckpt_dir", "/nowhere"])
        #expect(status == 0)
        let line = try #require(output.split(separator: "\n").first.map(String.init))
        guard case let .ready(ready, version) = try WorkerReply.parse(line) else {
            Issue.record("not a ready line: \(line)")
            return
        }
        #expect(version == WorkerProtocol.version)
        let preset = try #require(WorkerPreset(task: task))
        #expect(ready.sizes == preset.sizes)
        #expect(ready.fps == preset.frameRate)
        // The longest segment the planner cuts fits the worker's longest clip.
        #expect(ready.maxFrames >= preset.longestClipMilliseconds * preset.frameRate / 1000)
    }

    @Test func theSelfTestRefusesBadArguments() async throws {
        #expect(try await run(["--self-test", "--task", "t2v-1.3B", "--ckpt_dir", "/nowhere"]).status != 0)
        #expect(try await run(["--self-test", "--task", "ti2v-5B", "--ckpt_dir", "/nowhere", "--max_frames", "100"]).status != 0)
        #expect(try await run(["--self-test", "--task", "ti2v-5B"]).status != 0)
    }
}

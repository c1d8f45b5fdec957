import Foundation
import Media
import Testing

@testable import Generation
import TestServers
import TestSupport

/// A Wan2.2 text-to-video workflow in API format, trimmed to the nodes that take placeholders.
private let workflowText = #"""
    {
      "3": {"class_type": "KSampler", "inputs": {"seed": "{seed}", "steps": 20, "cfg": 5, "sampler_name": "uni_pc",
            "scheduler": "simple", "denoise": 1, "model": ["1", 0], "positive": ["6", 0], "negative": ["7", 0],
            "latent_image": ["5", 0]}},
      "5": {"class_type": "EmptyHunyuanLatentVideo",
            "inputs": {"width": "{width}", "height": "{height}", "length": "{frames}", "batch_size": 1}},
      "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "{prompt}, {a|b} style", "clip": ["2", 0]}},
      "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "{negative}", "clip": ["2", 0]}},
      "8": {"class_type": "CreateVideo", "inputs": {"fps": "{fps}", "images": ["4", 0]}},
      "9": {"class_type": "SaveVideo", "inputs": {"filename_prefix": "animatic/{seed}", "format": "auto", "codec": "auto",
            "video": ["8", 0]}}
    }
    """#

private func comfy(
    _ servers: [TestServer], jobsPerServer: Int = 1, maxDownloadBytes: Int = BackendOptions.defaultMaxDownloadBytes
) throws -> ComfyUIGenerator {
    ComfyUIGenerator(
        servers: servers.map(\.url), workflow: try ComfyUIWorkflow(data: Data(workflowText.utf8)),
        jobsPerServer: jobsPerServer,
        pollInterval: .milliseconds(20), maxPolls: 500, requestTimeout: 10,
        sleeper: WaitRecorder().sleeper(realWait: .milliseconds(20)), maxDownloadBytes: maxDownloadBytes)
}

private func server(_ config: [String: Any] = [:]) async throws -> TestServer {
    try await TestServer.start("comfyui_server.py", config: config)
}

@Suite struct BackendComfyUITests {
    @Test(arguments: ["core", "vhs"])
    func theWorkflowIsFilledQueuedAndItsVideoDownloaded(layout: String) async throws {
        let server = try await server(["layout": layout])
        defer { server.stop() }
        let scratch = try Scratch()
        let generator = try comfy([server])
        let request = backendRequests(1)[0]
        let destination = scratch.file("clips/clip.mp4")
        try await generator.generate(request, to: destination)
        #expect(StagedClip.problem(with: destination) == nil)
        #expect(filesUnder(scratch.file("clips")).map(\.lastPathComponent) == ["clip.mp4"])

        let stats = try await server.stats()
        let workflow = try #require((stats["workflows"] as? [[String: Any]])?.first)
        func inputs(_ node: String) -> [String: Any] {
            (workflow[node] as? [String: Any])?["inputs"] as? [String: Any] ?? [:]
        }
        let shape = generator.profile.shape(for: request)
        #expect(inputs("3")["seed"] as? Int == 1)
        #expect(inputs("5")["length"] as? Int == shape.frames)
        #expect((shape.frames - 1) % 4 == 0)
        #expect(inputs("5")["width"] as? Int == 160)
        #expect(inputs("8")["fps"] as? Int == 16)
        #expect(inputs("6")["text"] as? String == request.content.prompt + ", {a|b} style")
        #expect(inputs("7")["text"] as? String == request.content.negativePrompt)
        #expect(inputs("9")["filename_prefix"] as? String == "animatic/1")
        #expect((stats["views"] as? [String])?.first?.hasSuffix(".mp4") == true)
    }

    @Test func aWorkflowThatSavesNoVideoFailsPermanently() async throws {
        let server = try await server(["layout": "none"])
        defer { server.stop() }
        let scratch = try Scratch()
        let error = await backendError {
            try await comfy([server]).generate(backendRequests(1)[0], to: scratch.file("clip.mp4"))
        }
        #expect(error?.isPermanent == true)
        #expect(error?.description.contains("saved no video") == true)
    }

    @Test func aRejectedWorkflowFailsAtOnceWithItsNodeErrors() async throws {
        let server = try await server(["prompt": ["400"]])
        defer { server.stop() }
        let scratch = try Scratch()
        let scheduled = ScheduledGenerator(backend: try comfy([server]), sleeper: WaitRecorder().sleeper())
        let error = await backendError {
            try await scheduled.generate(backendRequests(1)[0], to: scratch.file("clip.mp4"))
        }
        #expect(error?.isPermanent == true)
        #expect(error?.description.contains("node 3 (KSampler): Value not in list (sampler_name: 'eulerx'") == true)
        #expect(try await server.count("requests") == 1)
    }

    @Test(arguments: [("error", true), ("oom", false)])
    func executionErrorsAreRetriedOnlyWhenMemoryRanOut(outcome: String, permanent: Bool) async throws {
        let server = try await server(["outcomes": [outcome]])
        defer { server.stop() }
        let scratch = try Scratch()
        let error = await backendError {
            try await comfy([server]).generate(backendRequests(1)[0], to: scratch.file("clip.mp4"))
        }
        #expect(error?.isPermanent == permanent)
        #expect(error?.description.contains("KSampler") == true)
    }

    @Test func serverErrorsAndShortDownloadsAreRetried() async throws {
        let server = try await server(["prompt": ["500", "429:4"], "download": ["short", "notvideo"]])
        defer { server.stop() }
        let scratch = try Scratch()
        let recorder = WaitRecorder()
        let scheduled = ScheduledGenerator(
            backend: try comfy([server]), policy: RetryPolicy(maxAttempts: 5), sleeper: recorder.sleeper())
        let destination = scratch.file("clips/clip.mp4")
        try await scheduled.generate(backendRequests(1)[0], to: destination)
        let waits = await recorder.waits
        #expect(waits.count == 4)
        #expect(waits[1] >= .seconds(4))
        #expect(try await server.count("downloads") == 3)
        #expect(filesUnder(scratch.file("clips")).map(\.lastPathComponent) == ["clip.mp4"])
    }

    @Test func aDownloadOverTheLimitIsRefusedAndAnUndecodableOneRetried() async throws {
        let server = try await server(["download": ["huge-unsized:16777216", "undecodable"]])
        defer { server.stop() }
        let scratch = try Scratch()
        let backend = try comfy([server], maxDownloadBytes: 4 << 20)
        let destination = scratch.file("clips/clip.mp4")
        let tooLarge = await backendError { try await backend.generate(backendRequests(1)[0], to: destination) }
        #expect(tooLarge?.failure == .downloadTooLarge(limit: 4 << 20, declared: nil))
        #expect(tooLarge?.isPermanent == false)
        let undecodable = await backendError { try await backend.generate(backendRequests(1)[0], to: destination) }
        #expect(undecodable?.isPermanent == false)
        #expect(undecodable?.description.contains("its frames do not decode") == true, "\(String(describing: undecodable))")
        #expect(filesUnder(scratch.file("clips")).isEmpty)
        try await backend.generate(backendRequests(1)[0], to: destination)
        #expect(StagedClip.problem(with: destination) == nil)
    }

    @Test func jobsGoToTheLeastBusyServerAndNoServerHoldsTwoAtOnce() async throws {
        let first = try await server(["job_seconds": 0.3])
        let second = try await server(["job_seconds": 0.3])
        defer {
            first.stop()
            second.stop()
        }
        let scratch = try Scratch()
        let generator = ScheduledGenerator(backend: try comfy([first, second]))
        #expect(generator.limiter.limit == 2)
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
        #expect(filesUnder(directory).count == 6)
        // Each server runs one job at a time, so which takes the next depends on which
        // finished first: both are used, none ever holds two.
        let prompts = (try await first.count("prompts"), try await second.count("prompts"))
        #expect(prompts.0 + prompts.1 == 6 && prompts.0 >= 1 && prompts.1 >= 1, "\(prompts)")
        #expect(try await first.count("max_queued") == 1)
        #expect(try await second.count("max_queued") == 1)
    }

    @Test func cancellationStopsPollingWithdrawsThePromptAndLeavesNoFile() async throws {
        let server = try await server(["job_seconds": 600])
        defer { server.stop() }
        let scratch = try Scratch()
        let generator = try comfy([server])
        let destination = scratch.file("clips/clip.mp4")
        let request = backendRequests(1)[0]
        let task = Task { try await generator.generate(request, to: destination) }
        try await waitUntil { try await server.count("prompts") > 0 }
        let started = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        // Far below the 600 s job, with room for a loaded machine running the whole suite.
        #expect(ContinuousClock.now - started < .seconds(120))
        #expect(filesUnder(scratch.url).isEmpty)
        #expect(try await server.count("withdrawn") == 1)
        // The prompt had started: it is interrupted by its ID, so no other client's prompt stops.
        let interrupted = try await server.stats()["interrupted"] as? [String]
        #expect(interrupted?.count == 1 && interrupted?.first?.isEmpty == false)
    }

    @Test func onlyAPIFormatWorkflowsWithAPromptAreAccepted() {
        #expect(throws: BackendError.self) { try ComfyUIWorkflow(data: Data(#"{"nodes": [], "links": []}"#.utf8)) }
        #expect(throws: BackendError.self) {
            try ComfyUIWorkflow(
                data: Data(#"{"6": {"class_type": "CLIPTextEncode", "inputs": {"text": "fixed"}}}"#.utf8))
        }
        #expect(throws: BackendError.self) { try ComfyUIWorkflow(data: Data("not json".utf8)) }
    }

    @Test func historyReadsBothVideoLayoutsAndSkipsStills() {
        let core: [String: Any] = [
            "p": [
                "status": ["status_str": "success", "completed": true],
                "outputs": [
                    "12": ["images": [["filename": "still.png", "subfolder": "", "type": "temp"]]],
                    "10": [
                        "images": [["filename": "v.mp4", "subfolder": "video", "type": "output"]], "animated": [true],
                    ],
                ],
            ]
        ]
        #expect(
            ComfyUIHistory(history: core, promptID: "p")
                == .finished(.init(filename: "v.mp4", subfolder: "video", type: "output")))
        let vhs: [String: Any] = [
            "p": ["status": ["completed": true], "outputs": ["9": ["gifs": [["filename": "g.mp4", "subfolder": ""]]]]]
        ]
        #expect(
            ComfyUIHistory(history: vhs, promptID: "p")
                == .finished(.init(filename: "g.mp4", subfolder: "", type: "output")))
        #expect(ComfyUIHistory(history: [String: Any](), promptID: "p") == .pending)
        #expect(ComfyUIHistory(history: ["p": ["status": ["completed": false]]], promptID: "p") == .pending)
    }
}

@Suite struct BackendComfyUIContinuityTests {
    @Test func theLastFrameIsUploadedAndTheReferencePlaceholderNamesIt() async throws {
        let server = try await server()
        defer { server.stop() }
        let scratch = try Scratch()
        let text = workflowText.replacingOccurrences(
            of: #""3": {"#, with: #""10": {"class_type": "LoadImage", "inputs": {"image": "{reference}"}}, "3": {"#)
        let generator = ComfyUIGenerator(
            servers: [server.url], workflow: try ComfyUIWorkflow(data: Data(text.utf8)), pollInterval: .milliseconds(20),
            maxPolls: 500, requestTimeout: 10, sleeper: WaitRecorder().sleeper(realWait: .milliseconds(20)))
        #expect(generator.capabilities.imageToVideo)
        #expect(try !comfy([server]).capabilities.imageToVideo)
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 1, count: 32)
        try png.write(to: scratch.file("last.png"))
        var request = backendRequests(1)[0]
        request.shotStartFrame = 24
        request.referenceImage = scratch.file("last.png")
        try await generator.generate(request, to: scratch.file("clip.mp4"))
        let stats = try await server.stats()
        let uploaded = try #require((stats["uploads"] as? [String])?.first)
        #expect(uploaded.hasPrefix("S1-") && uploaded.hasSuffix(".png"))
        let workflow = try #require((stats["workflows"] as? [[String: Any]])?.first)
        let load = try #require((workflow["10"] as? [String: Any])?["inputs"] as? [String: Any])
        #expect(load["image"] as? String == uploaded)
        // The key holds the placeholder, not the upload's name, which changes every time.
        #expect(String(decoding: try generator.keyMaterial(for: request), as: UTF8.self).contains("{reference}"))
    }
}

/// Fractions a backend reported, from any thread.
private final class Fractions: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double] = []
    func add(_ value: Double) { lock.withLock { values.append(value) } }
    var all: [Double] { lock.withLock { values } }
}

@Suite struct ComfyUIWebSocketTests {
    @Test(arguments: [true, false])
    func progressComesFromTheWebsocketAndThePollsStillWorkWithoutIt(websocket: Bool) async throws {
        let server = try await server(["websocket": websocket, "job_seconds": 0.6])
        defer { server.stop() }
        let scratch = try Scratch()
        let fractions = Fractions()
        let destination = scratch.file("clips/clip.mp4")
        try await GenerationProgress.listening({ fractions.add($0) }) {
            try await comfy([server]).generate(backendRequests(1)[0], to: destination)
        }
        #expect(StagedClip.problem(with: destination) == nil)
        let stats = try await server.stats()
        if websocket {
            // Every progress message, the fragmented one too; the ping answered, every frame masked.
            #expect(fractions.all == [0.25, 0.5, 0.75, 1.0])
            #expect(stats["websockets"] as? Int == 1)
            #expect(stats["pongs"] as? Int == 1)
            #expect(stats["unmasked"] == nil)
        } else {
            #expect(fractions.all.isEmpty)
            #expect(stats["websockets"] == nil)
        }
    }

    @Test func anExecutionErrorFailsTheSegmentAtOnceWithTheNodesMessageAlone() async throws {
        // The history never says so (the prompt runs for an hour); the websocket says it as the
        // prompt starts. Polled alone, the segment would end "still running" instead, transient.
        let server = try await server(["outcomes": ["error"], "early_error": true, "job_seconds": 3600])
        defer { server.stop() }
        let scratch = try Scratch()
        var generator = try comfy([server])
        generator.maxPolls = 6000  // at least two minutes of polls, however loaded the machine
        let error = await backendError {
            try await generator.generate(backendRequests(1)[0], to: scratch.file("clip.mp4"))
        }
        #expect(error?.isPermanent == true)
        #expect(error?.description.contains("KSampler: mat1 and mat2 shapes cannot be multiplied") == true, "\(String(describing: error))")
        #expect(error?.description.contains("secret") == false, "no traceback")
    }

    @Test func framesAndTheHandshakeDigestAreRFC6455s() throws {
        // FIPS 180's test vector, and RFC 6455 section 1.3's handshake example.
        #expect(SHA1.digest(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined()
            == "a9993e364706816aba3e25717850c26c9cd0d89d")
        let accept = SHA1.digest(Array("dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11".utf8))
        #expect(Data(accept).base64EncodedString() == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        // A masked frame reads back as sent; a long one needs its 16-bit length; half a frame is not one yet.
        let long = WebSocketFrame(isFinal: true, opcode: .text, payload: Array(repeating: 0x41, count: 300))
        let bytes = long.encoded(mask: [1, 2, 3, 4])
        #expect(bytes[1] == 0x80 | 126 && bytes[2] == 1 && bytes[3] == 44)
        #expect(try WebSocketFrame.parse(bytes[...], limit: 1000).map { $0.0 } == long)
        #expect(try WebSocketFrame.parse(bytes[..<100], limit: 1000) == nil)
        #expect(throws: WebSocketFrame.ParseError.tooLong(300)) { try WebSocketFrame.parse(bytes[...], limit: 299) }
        #expect(throws: WebSocketFrame.ParseError.unknownOpcode(0x83)) { try WebSocketFrame.parse([0x83, 0][...], limit: 10) }
    }
}

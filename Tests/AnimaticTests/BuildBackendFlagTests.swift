import Animatic
import Foundation
import Testing
import TestSupport

/// `animatic build --backend …` drives the chosen generator end to end.
@Suite("animatic build with a backend")
struct BuildBackendFlagTests {
    /// Wan2.2's generate.py stand-in used by the backend tests: it writes a real video at
    /// the wrong size and rate, so the build has to conform every clip.
    static let fakeWan = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GenerationTests/Fakes/generate.py")

    @Test func commandBackendClipsAreConformedAndSegmentsFitTheModel() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("film.fountain")
        try Data("EXT. HARBOR - DAWN\n\nFog rolls in over the water.\n\nANNA\nThey are selling the building, and nobody asked us, and nobody will.\n".utf8)
            .write(to: script)
        let template = "python3 \(Self.fakeWan.path) --task t2v-A14B --size {width}*{height} --frame_num {frames} "
            + "--ckpt_dir \(directory.path) --prompt {prompt} --base_seed {seed} --save_file {output}"
        let output = try await CommandRunner.run([
            "build", script.path, "--size", "320x180", "--backend", "command", "--command-template", template,
            "--cutlists", "none", "--quiet",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let plan = try JSONSerialization.jsonObject(
            with: Data(contentsOf: directory.appendingPathComponent("film.plan.json"))) as? [String: Any]
        let shots = try #require(plan?["shots"] as? [[String: Any]])
        let segments = shots.flatMap { ($0["segments"] as? [[String: Any]]) ?? [] }
        let total = shots.compactMap { $0["frames"] as? Int }.reduce(0, +)
        // Wan2.2 A14B makes ~5 s clips: no segment is longer than 5 s at 24 fps.
        #expect(plan?["maxSegmentFrames"] as? Int ?? .max <= 121)
        #expect(segments.allSatisfy { ($0["frames"] as? Int ?? .max) <= 121 })
        let video = directory.appendingPathComponent("film.mp4")
        #expect(try await ffprobeFrameCount(video) == total)
        let stream = try await runTool("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries",
                                             "stream=width,height,r_frame_rate", "-of", "csv=p=0", video.path])
        #expect(stream.trimmingCharacters(in: .whitespacesAndNewlines) == "320,180,24/1")
    }

    @Test func anImageToVideoTemplateStartsEachContinuationFromThePreviousSegmentsLastFrame() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("film.fountain")
        // One 11 s shot: three segments of Wan2.2 5B's ~5 s.
        try Data("EXT. HARBOR - DAWN\n\n[[shot: WS; duration: 11s]]\nFog rolls in over the water.\n".utf8).write(to: script)
        let runs = directory.appendingPathComponent("runs.jsonl")
        let template = "python3 \(Self.fakeWan.path) --task ti2v-5B --size {width}*{height} --frame_num {frames} "
            + "--ckpt_dir \(directory.path) --prompt {prompt} --image {reference} --save_file {output}"
        let kept = directory.appendingPathComponent("images")
        let output = try await CommandRunner.run(
            ["build", script.path, "--size", "320x180", "--backend", "command", "--command-template", template,
             "--cutlists", "none", "--quiet"],
            environment: ["FAKE_WAN_ARGS": runs.path, "FAKE_WAN_IMAGES": kept.path])
        #expect(output.status == 0, "\(output.stderr)")
        let arguments = try String(contentsOf: runs, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String] ?? []
        }
        // The fake model checks that every --image is a PNG; the first segment has none.
        #expect(arguments.count == 3)
        #expect(arguments.map { $0.contains("--image") } == [false, true, true])
        let images = arguments.compactMap { run in run.firstIndex(of: "--image").map { run[$0 + 1] } }
        #expect(images.allSatisfy { $0.hasSuffix(".png") } && Set(images).count == 2)
        let report = try #require(BuildReport.read(directory.appendingPathComponent("film.report.json")))
        #expect(report.segments.map(\.id) == ["1A-1", "1A-2", "1A-3"] && report.generated == 3)
        let video = directory.appendingPathComponent("film.mp4")
        #expect(try await ffprobeFrameCount(video) == report.totalFrames)
        // Each picture is the previous segment's last frame (its move has gone on since
        // that segment's first frame).
        for (index, previous) in ["1A-1", "1A-2"].enumerated() {
            let frames = try await rgbFrames(directory.appendingPathComponent("film.media/\(previous).mp4"), width: 320, height: 180)
            let image = try #require(
                try await rgbFrames(kept.appendingPathComponent("\(index).png"), width: 320, height: 180).first)
            let last = try #require(frames.last), first = try #require(frames.first)
            #expect(meanDifference(image, last) < 3, "\(previous): \(meanDifference(image, last))")
            #expect(meanDifference(image, first) > meanDifference(image, last) + 3)
        }
    }

    @Test func anAudioTemplateGetsEachSegmentsSoundAndItsKeyFollowsTheLines() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("film.fountain")
        let text = "EXT. HARBOR - DAWN\n\nFog rolls in over the water.\n\nANNA\nThey are selling the building.\n"
        try Data(text.utf8).write(to: script)
        let template = "python3 \(Self.fakeWan.path) --task t2v-A14B --size {width}*{height} --frame_num {frames} "
            + "--ckpt_dir \(directory.path) --prompt {prompt} --audio {audio} --save_file {output}"
        let kept = directory.appendingPathComponent("audio")
        func build() async throws -> BuildReport {
            let output = try await CommandRunner.run(
                ["build", script.path, "--size", "320x180", "--backend", "command", "--command-template", template,
                 "--cutlists", "none", "--quiet", "--qc", "off"],  // counts requests: no QC retakes
                environment: ["FAKE_WAN_AUDIO": kept.path])
            #expect(output.status == 0, "\(output.stderr)")
            return try #require(BuildReport.read(directory.appendingPathComponent("film.report.json")))
        }
        let report = try await build()
        let wavs = try FileManager.default.contentsOfDirectory(atPath: kept.path).sorted()
        #expect(wavs.count == report.generated && report.generated == report.segments.count)
        // Each WAV is its segment's stretch (48 kHz stereo 16-bit): the dialogue one is heard.
        var heard: [Bool] = []
        for (name, segment) in zip(wavs, report.segments) {
            let data = try Data(contentsOf: kept.appendingPathComponent(name))
            #expect((data.count - 44) / 4 == segment.frames * 2000, "\(segment.id)")
            let samples = data.dropFirst(44).withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
            heard.append(samples.contains { abs(Int($0)) > 1000 })
        }
        #expect(heard.first == false && heard.last == true, "\(heard)")
        // A changed line changes only the clips its sound is under.
        try Data(text.replacingOccurrences(of: "the building", with: "the old building").utf8).write(to: script)
        let again = try await build()
        let remade = again.segments.filter { $0.status == .generated }.map(\.id)
        #expect(!remade.isEmpty && !remade.contains(again.segments[0].id), "\(remade)")
    }

    /// The mean absolute difference of two packed frames, in levels.
    private func meanDifference(_ a: [UInt8], _ b: [UInt8]) -> Double {
        Double(zip(a, b).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(max(1, min(a.count, b.count)))
    }

    @Test func aBackendMissingItsFlagsIsAUsageError() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("film.fountain")
        try Data("EXT. HARBOR - DAWN\n\nFog.\n".utf8).write(to: script)
        for backend in ["command", "comfyui"] {
            let output = try await CommandRunner.run(["build", script.path, "--backend", backend])
            #expect(output.status == 64)
            #expect(output.stderr.contains("needs --"))
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("film.mp4").path))
        }
    }
}

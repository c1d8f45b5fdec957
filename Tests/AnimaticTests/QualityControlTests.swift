import Animatic
import Foundation
import Testing
import TestSupport

/// Quality control (issue #16, docs/qc.md) on real clips: a command backend (`Fakes/qc_backend.py`)
/// writes raw Y4M frames whose faults are known pixel for pixel; the build analyses each
/// conformed clip through libavfilter, retakes the bad ones with the next seed and keeps the best.
@Suite("quality control")
struct QualityControlTests {
    static let fake = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fakes/qc_backend.py")
    static let template = "python3 \(fake.path) {width} {height} {frames} {fps} {seed} {output}"

    /// A one-shot, one-segment script of 3 s in a fresh directory.
    static func project() throws -> (directory: URL, script: URL) {
        let directory = try temporaryDirectory()
        let script = directory.appendingPathComponent("film.fountain")
        try Data("EXT. HARBOR - DAWN\n\n[[shot: WS; duration: 3s]]\nFog rolls in over the water.\n".utf8).write(to: script)
        return (directory, script)
    }

    static func build(
        _ script: URL, mode: String, bad: Int = 1, extra: [String] = [], seeds: URL? = nil
    ) async throws -> CommandRunner.Output {
        var environment = [
            "FAKE_QC_MODE": mode, "FAKE_QC_BAD": String(bad),
            "FAKE_QC_STATE": script.deletingLastPathComponent().appendingPathComponent("runs").path,
        ]
        if let seeds { environment["FAKE_QC_SEEDS"] = seeds.path }
        return try await CommandRunner.run(
            ["build", script.path, "--size", "320x180", "--backend", "command", "--command-template", template,
             "--cutlists", "none", "--jobs", "1"] + extra,
            environment: environment)
    }

    @Test(arguments: [
        ("black", "black for"), ("frozen", "frozen for"), ("cut", "a cut at 1.5 s"), ("flicker", "flicker of"),
        ("blur", "blurred"), ("short", "short: the backend's clip covers 33%"),
    ])
    func aBadClipIsCaughtRetakenWithTheNextSeedAndTheGoodTakeIsUsed(mode: String, reason: String) async throws {
        let (directory, script) = try Self.project()
        defer { try? FileManager.default.removeItem(at: directory) }
        let seeds = directory.appendingPathComponent("seeds")
        let output = try await Self.build(script, mode: mode, extra: ["--verbose"], seeds: seeds)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("1A-1: qc retake 1"), "\(output.stderr)")
        // Both attempts were measured from their conformed frames as they were encoded:
        // no clip was decoded again to be analysed.
        #expect(output.stderr.contains("(measured as made)"), "\(output.stderr)")
        #expect(!output.stderr.contains("decoded for analysis"), "\(output.stderr)")
        let report = try #require(BuildReport.read(directory.appendingPathComponent("film.report.json")))
        let record = try #require(report.segments.first?.qc)
        #expect(record.attempts.count == 2 && record.kept == 1 && record.verdict == "passed")
        #expect(record.attempts[0].reasons.contains { $0.hasPrefix(reason) }, "\(record.attempts[0].reasons)")
        #expect(record.attempts[1].reasons.isEmpty, "\(record.attempts[1].reasons)")
        // The retake asked for the next seed.
        let runs = try String(contentsOf: seeds, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ") }
        #expect(runs.count == 2 && runs[0][1] == Substring(mode) && runs[1][1] == "good")
        #expect(Int(runs[1][0]) == Int(runs[0][0])! + 1)
        // Checked independently with the ffmpeg program: the video holds the good take.
        let video = directory.appendingPathComponent("film.mp4")
        #expect(try await ffprobeFrameCount(video) == 72)
        let found = try await IndependentCheck(video)
        #expect(!found.black && !found.frozen, "\(found)")
        #expect(found.largestSceneChange < 10 && found.largestBrightnessSwing < 3 && found.blur < 5, "\(found)")
    }

    @Test func aBackendThatAlwaysFailsKeepsTheBestTakeExits0AndWithStrictExits69() async throws {
        let (directory, script) = try Self.project()
        defer { try? FileManager.default.removeItem(at: directory) }
        let seeds = directory.appendingPathComponent("seeds")
        let retake = try await Self.build(script, mode: "black", bad: 99, seeds: seeds)
        #expect(retake.status == 0, "\(retake.stderr)")
        let report = try #require(BuildReport.read(directory.appendingPathComponent("film.report.json")))
        let record = try #require(report.segments.first?.qc)
        #expect(record.attempts.count == 3 && record.verdict == "failed")
        #expect(record.why.hasPrefix("all 3 attempts failed; kept the first attempt, the least bad: black for 3 s"), "\(record.why)")
        #expect(retake.stderr.contains("1A-1: qc all 3 attempts failed"), "\(retake.stderr)")

        // warn: analysed, reported, never retaken.
        try FileManager.default.removeItem(at: directory.appendingPathComponent(".animatic-cache"))
        try? FileManager.default.removeItem(at: seeds)
        let warn = try await Self.build(script, mode: "black", bad: 99, extra: ["--qc", "warn"], seeds: seeds)
        #expect(warn.status == 0, "\(warn.stderr)")
        #expect(try String(contentsOf: seeds, encoding: .utf8).split(separator: "\n").count == 1)
        #expect(warn.stderr.contains("1A-1: qc failed: black for 3 s"), "\(warn.stderr)")

        try FileManager.default.removeItem(at: directory.appendingPathComponent(".animatic-cache"))
        let strict = try await Self.build(script, mode: "black", bad: 99, extra: ["--qc", "strict", "--cutlists", "html"])
        #expect(strict.status == 69, "\(strict.stderr)")
        #expect(strict.stderr.contains("quality control (--qc strict): 1A-1: all 3 attempts failed"), "\(strict.stderr)")
        // The video is written all the same: the best take is in it; the storyboard page says why.
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("film.mp4").path))
        let page = try String(contentsOf: directory.appendingPathComponent("film.storyboard.html"), encoding: .utf8)
        #expect(page.contains("<p class=\"qc fail\">QC all 3 attempts failed; kept the first attempt, the least bad: black for 3 s"))
    }

    @Test func aRebuildTakesTheCachedRecordAndAnalysesNothing() async throws {
        let (directory, script) = try Self.project()
        defer { try? FileManager.default.removeItem(at: directory) }
        let seeds = directory.appendingPathComponent("seeds")
        #expect(try await Self.build(script, mode: "frozen", seeds: seeds).status == 0)
        let again = try await Self.build(script, mode: "frozen", extra: ["--verbose"], seeds: seeds)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("1A-1: qc retake 1 (seed"), "\(again.stderr)")
        #expect(again.stderr.contains("(cached)"), "\(again.stderr)")
        #expect(try String(contentsOf: seeds, encoding: .utf8).split(separator: "\n").count == 2)
        // A stricter limit in the project file judges the cached measures again, without analysis.
        try Data("qc:\n  blur: 1\n".utf8).write(to: directory.appendingPathComponent("animatic.yaml"))
        let stricter = try await Self.build(script, mode: "frozen", seeds: seeds)
        #expect(stricter.stderr.contains("blurred: blur"), "\(stricter.stderr)")
        #expect(stricter.stderr.contains("(cached)"), "\(stricter.stderr)")
    }

    /// A record cached by an earlier analysis (no `analysis`, version 1) is not trusted: the
    /// kept clip is measured again, the record rewritten, and nothing is made again.
    @Test func aRecordOfAnEarlierAnalysisIsMeasuredAgainWithoutARetake() async throws {
        let (directory, script) = try Self.project()
        defer { try? FileManager.default.removeItem(at: directory) }
        let seeds = directory.appendingPathComponent("seeds")
        #expect(try await Self.build(script, mode: "frozen", seeds: seeds).status == 0)
        let clips = directory.appendingPathComponent(".animatic-cache/clips")
        let records = try FileManager.default.subpathsOfDirectory(atPath: clips.path).filter { $0.hasSuffix(".qc.json") }
        try #require(records.count == 1)
        let recordURL = clips.appendingPathComponent(records[0])
        // As an earlier analysis would have left it: no version, and the kept clip measured frozen.
        var record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: recordURL)) as? [String: Any])
        #expect(record["analysis"] as? Int == 2)
        record["analysis"] = nil
        let kept = try #require(record["kept"] as? Int)
        var attempts = try #require(record["attempts"] as? [[String: Any]])
        var measures = try #require(attempts[kept]["measures"] as? [String: Any])
        measures["frozenSeconds"] = 2.9
        attempts[kept]["measures"] = measures
        record["attempts"] = attempts
        try FileManager.default.removeItem(at: recordURL)
        try JSONSerialization.data(withJSONObject: record).write(to: recordURL)

        let again = try await Self.build(script, mode: "frozen", extra: ["--verbose"], seeds: seeds)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("1A-1: qc retake 1 (seed"), "\(again.stderr)")
        #expect(again.stderr.contains("passed"), "\(again.stderr)")
        #expect(!again.stderr.contains("(cached)"), "\(again.stderr)")
        // Nothing was made, so the kept clip's frames are not in hand: its file is decoded.
        #expect(again.stderr.contains("(1 clip decoded for analysis)"), "\(again.stderr)")
        #expect(try String(contentsOf: seeds, encoding: .utf8).split(separator: "\n").count == 2, "nothing made again")
        let rewritten = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: recordURL)) as? [String: Any])
        #expect(rewritten["analysis"] as? Int == 2)
        let third = try await Self.build(script, mode: "frozen", extra: ["--verbose"], seeds: seeds)
        #expect(third.stderr.contains("(cached)"), "\(third.stderr)")
    }

    @Test func theCardsRendererIsNotCheckedUnlessAsked() async throws {
        let (directory, script) = try Self.project()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = try await CommandRunner.run(["build", script.path, "--size", "320x180", "--cutlists", "none", "--verbose"])
        #expect(plain.status == 0 && !plain.stderr.contains("qc"), "\(plain.stderr)")
        #expect(BuildReport.read(directory.appendingPathComponent("film.report.json"))?.segments.first?.qc == nil)
        let checked = try await CommandRunner.run(
            ["build", script.path, "--size", "320x180", "--cutlists", "none", "--qc", "warn"])
        #expect(checked.status == 0, "\(checked.stderr)")
        let record = BuildReport.read(directory.appendingPathComponent("film.report.json"))?.segments.first?.qc
        #expect(record?.attempts.first?.measures.frames == 72)
    }

    /// The cards renderer's frames are measured as they are drawn, a moving card's and a
    /// still card's (drawn once and held) alike: no clip is decoded to be analysed.
    @Test func theCardsAreMeasuredAsTheyAreDrawn() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("film.fountain")
        try Data(
            ("EXT. HARBOR - DAWN\n\n[[shot: WS; duration: 3s]]\nFog rolls in over the water.\n\n"
                + "INT. BOATHOUSE - NIGHT\n\n[[shot: MS; duration: 2s]]\nWe push in on the lamp.\n").utf8
        ).write(to: script)
        let output = try await CommandRunner.run(
            ["build", script.path, "--size", "320x180", "--cutlists", "none", "--qc", "warn", "--verbose"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.components(separatedBy: "(measured as made)").count == 3, "\(output.stderr)")
        #expect(!output.stderr.contains("decoded for analysis"), "\(output.stderr)")
        let segments = try #require(BuildReport.read(directory.appendingPathComponent("film.report.json"))?.segments)
        let measures = segments.compactMap { $0.qc?.best.measures }
        try #require(measures.count == 2, "\(segments)")
        // The still card is frozen for its whole length; the push in never freezes.
        #expect(measures[0].frames == 72 && abs(measures[0].frozenSeconds - 3) < 1e-9, "\(measures[0])")
        #expect(measures[1].frames == 48 && measures[1].frozenSeconds == 0, "\(measures[1])")
    }
}

/// What the ffmpeg program's own filters find in a video: the independent check.
struct IndependentCheck: CustomStringConvertible {
    var black = false, frozen = false
    var largestSceneChange = 0.0, largestBrightnessSwing = 0.0, blur = 0.0

    init(_ video: URL) async throws {
        let text = try await runTool("ffmpeg", [
            "-v", "error", "-i", video.path, "-vf",
            "scale=320:-2,signalstats,blackdetect=d=0:pix_th=0.1,freezedetect=n=-50dB:d=0.5,scdet=threshold=100,blurdetect,"
                + "metadata=print:file=-", "-f", "null", "-",
        ])
        var luma: [Double] = [], scores: [Double] = [], blurs: [Double] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "lavfi.black_start": black = true
            case "lavfi.freezedetect.freeze_start": frozen = true
            case "lavfi.signalstats.YAVG": luma.append(Double(parts[1]) ?? 0)
            case "lavfi.scd.score": scores.append(Double(parts[1]) ?? 0)
            case "lavfi.blur": blurs.append(Double(parts[1]) ?? 0)
            default: break
            }
        }
        largestSceneChange = scores.dropFirst(2).max() ?? 0
        largestBrightnessSwing = zip(luma, luma.dropFirst()).map { abs($1 - $0) }.max() ?? 0
        blur = blurs.isEmpty ? 0 : blurs.reduce(0, +) / Double(blurs.count)
    }

    var description: String {
        "black \(black), frozen \(frozen), scene change \(largestSceneChange), swing \(largestBrightnessSwing), blur \(blur)"
    }
}

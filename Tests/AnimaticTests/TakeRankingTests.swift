@testable import Animatic
import Foundation
import JSONForms
import Media
import Planning
import Testing

/// Quality control ranks a shot's takes (issue #16, docs/qc.md "Takes"): without a pick in
/// the review file the best-ranked take is on the timeline; with one, the pick is, and the
/// report still ranks the takes.
@Suite("quality control: take ranking")
struct TakeRankingTests {
    /// One shot of 3 s with two takes.
    static let script = "EXT. HARBOR - DAWN\n\n[[shot: WS; duration: 3s; takes: 2]]\nFog rolls in over the water.\n"

    /// Builds with the QC fake backend: every clip frozen but those of `goodSeeds`.
    static func build(
        _ project: ReviewProject, goodSeeds: [Int], seeds: URL, _ extra: [String] = []
    ) async throws -> CommandRunner.Output {
        try await project.run(
            ["build", "film.fountain", "--size", "320x180", "--backend", "command",
             "--command-template", QualityControlTests.template, "--cutlists", "edl,html", "--jobs", "1"] + extra,
            environment: [
                "FAKE_QC_MODE": "frozen", "FAKE_QC_GOOD_SEEDS": goodSeeds.map(String.init).joined(separator: ","),
                "FAKE_QC_SEEDS": seeds.path,
            ])
    }

    static func report(_ project: ReviewProject) throws -> BuildReport {
        try #require(BuildReport.read(project.directory.appendingPathComponent("film.report.json")))
    }

    static func text(_ project: ReviewProject, _ name: String) throws -> String {
        try String(contentsOf: project.directory.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func theBestTakeIsOnTheTimelineWithoutAPickAndThePickWinsWithOne() async throws {
        let project = try ReviewProject(review: nil, script: Self.script)
        let shot = try #require(try await project.plannedShots()["1A"])
        let firstSeed = try #require(shot["seed"] as? Int)
        let secondSeed = try #require((shot["otherTakes"] as? [[String: Any]])?.first?["seed"] as? Int)
        let seeds = project.directory.appendingPathComponent("seeds")

        // Before anything is made, QC can only rank the takes after generation: the dry run
        // has the shot's thumbnail wait for the join (when the take is known), as the build does.
        let planned = try await Self.build(project, goodSeeds: [secondSeed], seeds: seeds, ["--dry-run", "--json"])
        #expect(planned.status == 0, "\(planned.stderr)")
        let steps = try #require(
            (try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any])?["steps"] as? [[String: Any]])
        let thumbnail = try #require(steps.first { $0["id"] as? String == "thumbnail 1A" })
        #expect((thumbnail["inputs"] as? [String])?.contains("join") == true, "\(thumbnail)")

        // Take 1 is frozen whatever its seed (it and its two retakes); take 2 is good.
        let built = try await Self.build(project, goodSeeds: [secondSeed], seeds: seeds)
        #expect(built.status == 0, "\(built.stderr)")
        let runs = try String(contentsOf: seeds, encoding: .utf8).split(separator: "\n").sorted()
        #expect(runs == ["\(firstSeed) frozen", "\(firstSeed + 1) frozen", "\(firstSeed + 2) frozen", "\(secondSeed) good"].sorted())
        var report = try Self.report(project)
        #expect(report.segments.map(\.id) == ["1A-1.take2"] && report.takes.map(\.id) == ["1A-1"])
        let ranking = try #require(report.takeRankings?.first)
        #expect(report.takeRankings?.count == 1 && ranking.shot == "1A")
        #expect(ranking.ranking.map(\.take) == [2, 1] && ranking.ranking.map(\.verdict) == ["passed", "failed"])
        #expect(ranking.onTimeline == 2 && ranking.chosenBy == "qc")
        #expect(ranking.why == "take 2: best QC score; take 1: frozen for 3 s (most 1 s)", "\(ranking.why)")
        #expect(built.stderr.contains("1A: qc chose take 2: best QC score; take 1: frozen for 3 s (most 1 s)"), "\(built.stderr)")
        // The video, checked with the ffmpeg program, is take 2's; the cut lists name its clip.
        let video = project.directory.appendingPathComponent("film.mp4")
        #expect(try await !IndependentCheck(video).frozen)
        #expect(try Self.text(project, "film.edl").contains("FROM CLIP NAME: 1A-1.take2.mp4"))
        #expect(try Self.text(project, "film.storyboard.html").contains(
            "<p class=\"qc pass\">QC takes: take 2: best QC score; take 1: frozen for 3 s (most 1 s)</p>"))

        // Nothing changed: nothing is made or joined again (the same take is chosen).
        let again = try await Self.build(project, goodSeeds: [secondSeed], seeds: seeds)
        #expect(again.stderr.contains("film.mp4 is up to date"), "\(again.stderr)")
        // With every clip cached, the take is known before generation: the dry run lists nothing to do.
        let unchanged = try await Self.build(project, goodSeeds: [secondSeed], seeds: seeds, ["--dry-run"])
        #expect(!unchanged.stdout.split(separator: "\n").contains { $0.contains(": runs (") }, "\(unchanged.stdout)")

        // The review file picks take 1: it is on the timeline, frozen as it is, and the
        // report still ranks take 2 first.
        try Data("shots:\n  1A:\n    pick: 1\n".utf8).write(to: project.reviewFile)
        let picked = try await Self.build(project, goodSeeds: [secondSeed], seeds: seeds)
        #expect(picked.status == 0, "\(picked.stderr)")
        report = try Self.report(project)
        #expect(report.generated == 0 && report.segments.map(\.id) == ["1A-1"] && report.takes.map(\.id) == ["1A-1.take2"])
        let overruled = try #require(report.takeRankings?.first)
        #expect(overruled.ranking.map(\.take) == [2, 1] && overruled.onTimeline == 1 && overruled.chosenBy == "review")
        #expect(overruled.why == "take 1: picked in the review file; QC ranks take 2 first; take 1: frozen for 3 s (most 1 s)")
        #expect(picked.stderr.contains("1A: take 1: picked in the review file; QC ranks take 2 first"), "\(picked.stderr)")
        #expect(try await IndependentCheck(video).frozen)
        #expect(try !Self.text(project, "film.edl").contains("take2"))
    }

    @Test func qcOffLeavesTake1OnTheTimelineAndRanksNothing() async throws {
        let project = try ReviewProject(review: nil, script: Self.script)
        let output = try await project.run(
            ["build", "film.fountain", "--size", "320x180", "--cutlists", "none", "--takes", "2", "--quiet"])
        #expect(output.status == 0, "\(output.stderr)")
        let report = try Self.report(project)
        #expect(report.segments.map(\.id) == ["1A-1"] && report.takeRankings == nil)
        let json = try Self.text(project, "film.report.json")
        #expect(!json.contains("takeRankings"))
    }

    /// A record of one attempt with these measures, judged under the default limits.
    static func record(blur: Double = 1.5, frozen: Double = 0, flicker: Double = 0) -> QCRecord {
        let measures = ClipMeasures(
            frames: 72, width: 320, height: 180, seconds: 3, blackSeconds: 0, frozenSeconds: frozen, sceneChange: 2,
            sceneChangeAt: 1, flicker: flicker, blur: blur)
        let (reasons, penalty) = QCThresholds().judge(measures, frames: 72, width: 320, height: 180, coverage: nil)
        return QCRecord(
            attempts: [QCRecord.Attempt(seed: 1, measures: measures, coverage: nil, reasons: reasons, penalty: penalty)], kept: 0)
    }

    @Test func takesRankByVerdictThenPenaltyThenUsageAndTiesByTakeNumber() async throws {
        let project = try ReviewProject(review: nil, script: "EXT. HARBOR - DAWN\n\nFog rolls in over the water.\n")
        // The shot as the planner makes it, read back from `plan --json`.
        let output = try await project.run(["plan", "--json", "film.fountain", "--takes", "5"])
        let shot = try #require(try PlanJSON.decode(Data(output.stdout.utf8)).shots.first)
        #expect(shot.takes == 5)
        let records: [SegmentID: QCRecord] = [
            "1A-1": Self.record(frozen: 3),  // fails by 2
            "1A-1.take2": Self.record(blur: 4),  // passes, near the blur limit
            "1A-1.take3": Self.record(blur: 1.5),  // passes, far inside
            "1A-1.take4": Self.record(flicker: 4),  // fails by 1/3
            "1A-1.take5": Self.record(blur: 1.5),  // as take 3: the lower number first
        ]
        let ranking = try #require(TakeRanking.rank(shot, records: records, thresholds: QCThresholds()))
        #expect(ranking.ranking.map(\.take) == [3, 5, 2, 4, 1])
        #expect(ranking.ranking.map(\.penalty) == [0, 0, 0, 0.333, 2])
        #expect(ranking.onTimeline == 3 && ranking.chosenBy == "qc")
        #expect(ranking.why == "take 3: best QC score; take 5: passes as well (the lower take number first); "
            + "take 2: passes, nearer its limits; take 4: flicker of 4 levels (most 3); take 1: frozen for 3 s (most 1 s)")
        // A take without a record for every segment is not ranked; with none, there is no ranking.
        #expect(TakeRanking.rank(shot, records: records.filter { $0.key != "1A-1.take3" }, thresholds: QCThresholds())?
            .ranking.map(\.take) == [5, 2, 4, 1])
        #expect(TakeRanking.rank(shot, records: [:], thresholds: QCThresholds()) == nil)
    }
}

import Foundation
import Testing

/// `animatic export` and `review --import` follow the take quality control put on the
/// build's timeline (issue #16, docs/qc.md "Takes"): export writes the build's cut list,
/// and importing it back records no pick unless the editor changed the take.
@Suite("quality control: export and import follow QC's take")
struct QCChoiceCutListTests {
    /// A build where take 1 is frozen (and its retakes) and take 2 good: QC puts take 2 on
    /// the timeline.
    static func builtWithTake2() async throws -> ReviewProject {
        let project = try ReviewProject(review: nil, script: TakeRankingTests.script)
        let shot = try #require(try await project.plannedShots()["1A"])
        let secondSeed = try #require((shot["otherTakes"] as? [[String: Any]])?.first?["seed"] as? Int)
        let built = try await TakeRankingTests.build(
            project, goodSeeds: [secondSeed], seeds: project.directory.appendingPathComponent("seeds"))
        #expect(built.status == 0, "\(built.stderr)")
        #expect(try TakeRankingTests.report(project).takeRankings?.first?.onTimeline == 2)
        return project
    }

    /// The backend flags the build had: they time the segments.
    static let backend = ["--backend", "command", "--command-template", QualityControlTests.template]

    @Test func exportWritesTheBuildsCutListWithQCsTake() async throws {
        let project = try await Self.builtWithTake2()
        let built = try TakeRankingTests.text(project, "film.edl")
        #expect(built.contains("1A-1.take2.mp4"), "\(built)")
        let exported = try await project.run(["export", "film.fountain", "--format", "edl", "-o", "exported.edl"] + Self.backend)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(try TakeRankingTests.text(project, "exported.edl") == built)

        // A pick wins over QC's take, in export as in build.
        try Data("shots:\n  1A:\n    pick: 1\n".utf8).write(to: project.reviewFile)
        #expect(try await project.run(["export", "film.fountain", "--format", "edl", "-o", "picked.edl"] + Self.backend).status == 0)
        #expect(try !TakeRankingTests.text(project, "picked.edl").contains("take2"))
    }

    @Test func importingTheBuildsCutRecordsNoPickButAnEditorsOtherTakeIsOne() async throws {
        let project = try await Self.builtWithTake2()
        // The build's own cut: QC's take is what the build chose, not the editor's.
        let unchanged = try await project.run(["review", "film.fountain", "--import", "film.edl"] + Self.backend)
        #expect(unchanged.status == 0, "\(unchanged.stderr)")
        #expect(unchanged.stdout.contains("nothing to import"), "\(unchanged.stdout)")
        #expect(!FileManager.default.fileExists(atPath: project.reviewFile.path))

        // The editor put take 1 back: that is a pick.
        let edited = project.directory.appendingPathComponent("edited.edl")
        let text = try TakeRankingTests.text(project, "film.edl").replacingOccurrences(of: "1A-1.take2.mp4", with: "1A-1.mp4")
        try Data(text.utf8).write(to: edited)
        let imported = try await project.run(["review", "film.fountain", "--import", edited.path] + Self.backend)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("1A: take 1 in the cut → pick 1"), "\(imported.stdout)")
        #expect(project.review.contains("pick: 1"), "\(project.review)")
    }

    @Test func importingTheCutOfABuildMadeElsewhereReadsThatBuildsReport() async throws {
        let project = try ReviewProject(review: nil, script: TakeRankingTests.script)
        let shot = try #require(try await project.plannedShots()["1A"])
        let secondSeed = try #require((shot["otherTakes"] as? [[String: Any]])?.first?["seed"] as? Int)
        let built = try await TakeRankingTests.build(
            project, goodSeeds: [secondSeed], seeds: project.directory.appendingPathComponent("seeds"), ["-o", "out/cut.mp4"])
        #expect(built.status == 0, "\(built.stderr)")
        #expect(try TakeRankingTests.text(project, "out/cut.edl").contains("1A-1.take2.mp4"))
        // That build's cut, with -o naming its video: QC's take 2 is no pick.
        let imported = try await project.run(
            ["review", "film.fountain", "--import", "out/cut.edl", "-o", "out/cut.mp4"] + Self.backend)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("nothing to import"), "\(imported.stdout)")
        #expect(!FileManager.default.fileExists(atPath: project.reviewFile.path))
    }
}

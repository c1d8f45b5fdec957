import Foundation
import Testing
import TestSupport

/// A script and its review file in a temporary directory, for the commands.
final class ReviewProject {
    let directory: URL
    var script: URL { directory.appendingPathComponent("film.fountain") }
    var reviewFile: URL { directory.appendingPathComponent("film.review.yaml") }

    init(review: String?, script text: String = ReviewProject.script) throws {
        directory = try temporaryDirectory()
        try Data(text.utf8).write(to: script)
        if let review { try Data(review.utf8).write(to: reviewFile) }
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> CommandRunner.Output {
        try await CommandRunner.run(arguments, in: directory, environment: environment)
    }

    var review: String { String(decoding: (try? Data(contentsOf: reviewFile)) ?? Data(), as: UTF8.self) }

    /// `plan --json`'s shots by ID.
    func plannedShots(_ extra: [String] = []) async throws -> [String: [String: Any]] {
        let output = try await run(["plan", "--json", "film.fountain"] + extra)
        #expect(output.status == 0, "\(output.stderr)")
        let plan = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let shots = plan?["shots"] as? [[String: Any]] ?? []
        return Dictionary(shots.map { ($0["id"] as? String ?? "", $0) }) { first, _ in first }
    }

    static let script = """
        EXT. HARBOR - DAWN

        Fog rolls in over the water.

        INT. KITCHEN - NIGHT

        Anna bursts in suddenly and drops her bag.

        ANNA
        They're selling the building.

        """
}

/// `plan`, `export`, `build --depfile` and `review --apply-notes` with a review file.
@Suite("review file: the commands")
struct ReviewCommandTests {
    static let review = """
        # first cut
        shots:
          2A:
            status: needs-work
            revise:
              size: CU      # tighter on her
              duration: 4s
          9Z:
            status: approved

        """

    @Test func planShowsWhatWasRevisedAndFromWhichLine() async throws {
        let project = try ReviewProject(review: Self.review)
        let shots = try await project.plannedShots()
        #expect(shots["2A"]?["size"] as? String == "closeUp" && shots["2A"]?["frames"] as? Int == 96)
        let revised = shots["2A"]?["revised"] as? [[String: Any]] ?? []
        #expect(revised.map { "\($0["field"] ?? "") \($0["line"] ?? 0):\($0["column"] ?? 0)" } == ["size 6:13", "duration 7:17"])
        #expect(shots["1A"]?["revised"] == nil)
        let table = try await project.run(["plan", "film.fountain"])
        #expect(table.status == 0)
        #expect(table.stdout.hasSuffix("revised by film.review.yaml:\n  2A  size 6:13, duration 7:17\n"))
        #expect(table.stderr.contains("film.review.yaml:8:3: warning: shot 9Z is not in the plan; its review entry is ignored"))
    }

    @Test func reviewNamesAnotherFileAndAMissingOneIsExit66() async throws {
        let project = try ReviewProject(review: nil)
        try Data("shots:\n  2A:\n    revise: {size: ECU}\n".utf8).write(to: project.directory.appendingPathComponent("alt.yaml"))
        #expect(try await project.plannedShots()["2A"]?["size"] as? String == "wide")
        #expect(try await project.plannedShots(["--review", "alt.yaml"])["2A"]?["size"] as? String == "extremeCloseUp")
        let missing = try await project.run(["plan", "film.fountain", "--review", "none.yaml"])
        #expect(missing.status == 66 && missing.stderr.contains("none.yaml: no such review file"))
        let noFile = try await project.run(["review", "film.fountain", "--apply-notes"])
        #expect(noFile.status == 66 && noFile.stderr.contains("no review file: film.review.yaml"))
    }

    @Test func aBadReviewFileStopsEveryCommandWithExit65() async throws {
        let project = try ReviewProject(review: "shots:\n  2A:\n    revise:\n      size: huge\n")
        for arguments in [["check", "film.fountain"], ["plan", "film.fountain"], ["export", "film.fountain", "--format", "edl"],
                          ["build", "film.fountain", "--size", "160x90"], ["review", "film.fountain", "--apply-notes"]] {
            let output = try await project.run(arguments)
            #expect(output.status == 65, "\(arguments)")
            #expect(output.stderr.contains(
                "film.review.yaml:4:13: error: 'shots.2A.revise.size' must be a shot size such as MS, CU or WS, not 'huge'"))
        }
        #expect(!FileManager.default.fileExists(atPath: project.directory.appendingPathComponent("film.mp4").path))
    }

    @Test func exportCutsTheRevisedPlan() async throws {
        let project = try ReviewProject(review: Self.review)
        let output = try await project.run(["export", "film.fountain", "--format", "csv", "-o", "-"])
        #expect(output.status == 0)
        let row = output.stdout.split(separator: "\r\n").first { $0.hasPrefix("2,2A,") }
        #expect(row?.hasPrefix("2,2A,2A-1,01:00:03:00,01:00:07:00,96,CU,") == true)
    }

    @Test func theDepfileListsTheReviewFile() async throws {
        let project = try ReviewProject(review: Self.review)
        let output = try await project.run(["build", "film.fountain", "--size", "160x90", "--depfile", "film.d", "--cutlists", "none", "--quiet"])
        #expect(output.status == 0, "\(output.stderr)")
        let depfile = try String(contentsOf: project.directory.appendingPathComponent("film.d"), encoding: .utf8)
        #expect(depfile.contains(" film.fountain \\\n film.review.yaml \\\n"))
    }
}

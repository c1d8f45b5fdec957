import Foundation
import Testing

/// `plan`, `export` and `build --dry-run` time shots as `build` does: an EDL exported before
/// the build cuts at the build's frames and names the build's clips.
@Suite("animatic plan and export: timed by the voice, as build is")
struct SoundConsistencyTests {
    private func run(_ arguments: [String], in project: BuildProject) async throws -> CommandRunner.Output {
        let output = try await CommandRunner.run(arguments, in: project.directory)
        #expect(output.status == 0, "\(arguments): \(output.stderr)")
        return output
    }

    @Test func planAndExportBeforeTheBuildAgreeWithIt() async throws {
        let project = try BuildProject(script: SoundBuildTests.script)
        let dryRun = try await run(["build", "film.fountain", "--dry-run", "--size", "160x90", "--cutlists", "edl"], in: project)
        #expect(!FileManager.default.fileExists(atPath: project.cache.path), "a dry run speaks into no cache")
        let plan = try await run(["plan", "--json", "film.fountain"], in: project)
        #expect(plan.stdout.contains("\"lines\""))
        let edl = try await run(["export", "film.fountain", "--format", "edl", "-o", "-"], in: project)
        #expect(edl.stdout.contains(" AA "), "the exported EDL carries the audio events")
        let estimate = try await run(["plan", "--json", "film.fountain", "--timing", "estimate"], in: project)
        #expect(estimate.stdout != plan.stdout, "the voice and the estimate time the dialogue differently")
        let silent = try await run(["plan", "--json", "film.fountain", "--audio", "none"], in: project)
        #expect(!silent.stdout.contains("\"lines\""))

        _ = try await run(["build", "film.fountain", "--size", "160x90", "--cutlists", "edl", "--quiet"], in: project)
        let built = try String(contentsOf: project.directory.appendingPathComponent("film.plan.json"), encoding: .utf8)
        #expect(plan.stdout == built, "plan --json prints the plan the build wrote")
        let builtEDL = try String(contentsOf: project.directory.appendingPathComponent("film.edl"), encoding: .utf8)
        #expect(edl.stdout == builtEDL, "export writes the EDL the build wrote")
        // The dry run before the build asked for the frames the build made.
        let shots = try #require(
            (try JSONSerialization.jsonObject(with: Data(built.utf8)) as? [String: Any])?["shots"] as? [[String: Any]])
        let frames = shots.compactMap { $0["frames"] as? Int }.reduce(0, +)
        #expect(dryRun.stdout.contains("(\(frames) frames)"), "\(dryRun.stdout)")

        // After the build, a dry run finds the video up to date: same plan, same sound digest.
        let after = try await run(["build", "film.fountain", "--dry-run", "--size", "160x90", "--cutlists", "edl"], in: project)
        #expect(after.stdout.contains("join: up to date"), "\(after.stdout)")
    }
}

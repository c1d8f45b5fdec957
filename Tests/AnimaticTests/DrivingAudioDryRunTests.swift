import Animatic
import Foundation
import TestSupport
import Testing

/// `build --dry-run` with a command template driven by audio (`{audio}`): the segments'
/// keys carry their sound as the build's do, so the dry run agrees with the build.
@Suite("animatic build --dry-run: a backend driven by audio")
struct DrivingAudioDryRunTests {
    @Test func theDryRunSaysUpToDateAfterABuildAndContentChangedAfterADialogueEdit() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("film.fountain")
        let text = "EXT. HARBOR - DAWN\n\nFog rolls in over the water.\n\nANNA\nThey are selling the building.\n"
        try Data(text.utf8).write(to: script)
        let template = "python3 \(BuildBackendFlagTests.fakeWan.path) --task t2v-A14B --size {width}*{height} "
            + "--frame_num {frames} --ckpt_dir \(directory.path) --prompt {prompt} --audio {audio} --save_file {output}"
        let arguments = ["build", script.path, "--size", "320x180", "--backend", "command", "--command-template", template,
                         "--cutlists", "none", "--quiet", "--qc", "off"]
        /// Each generate step's status from the dry run's text, by segment.
        func dryRun() async throws -> [String: String] {
            let output = try await CommandRunner.run(arguments + ["--dry-run"])
            #expect(output.status == 0, "\(output.stderr)")
            var statuses: [String: String] = [:]
            for line in output.stdout.split(separator: "\n") where line.hasPrefix("generate ") {
                let parts = line.dropFirst("generate ".count).split(separator: ":", maxSplits: 1)
                statuses[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces)
            }
            return statuses
        }
        let built = try await CommandRunner.run(arguments)
        #expect(built.status == 0, "\(built.stderr)")
        let report = try #require(BuildReport.read(directory.appendingPathComponent("film.report.json")))
        let ids = report.segments.map(\.id.rawValue)
        #expect(ids.count >= 2)
        let after = try await dryRun()
        #expect(Set(after.keys) == Set(ids))
        #expect(after.values.allSatisfy { $0 == "up to date" }, "\(after)")

        try Data(text.replacingOccurrences(of: "the building", with: "the old building").utf8).write(to: script)
        let edited = try await dryRun()
        #expect(edited[ids[0]] == "up to date", "the opening has no dialogue: \(edited)")
        let dialogue = try #require(ids.last)
        #expect(edited[dialogue] == "runs (content changed)", "\(edited)")
        // And the build does what its dry run said.
        #expect(try await CommandRunner.run(arguments).status == 0)
        let rebuilt = try #require(BuildReport.read(directory.appendingPathComponent("film.report.json")))
        let remade = Set(rebuilt.segments.filter { $0.status == .generated }.map(\.id.rawValue))
        #expect(remade == Set(edited.filter { $0.value != "up to date" }.keys), "\(remade)")
    }
}

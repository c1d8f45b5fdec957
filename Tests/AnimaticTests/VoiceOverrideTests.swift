import Foundation
import Testing

/// The project file's `voices`: a character's scratch voice chosen instead of derived.
@Suite("project file: voices")
struct VoiceOverrideTests {
    /// Each line's audio length in `plan --json`, by speaker.
    private func lineLengths(_ project: BuildProject) async throws -> [String: Int] {
        let output = try await CommandRunner.run(["plan", "--json", "film.fountain"], in: project.directory)
        #expect(output.status == 0, "\(output.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let shots = try #require(plan["shots"] as? [[String: Any]])
        var lengths: [String: Int] = [:]
        for line in shots.flatMap({ $0["lines"] as? [[String: Any]] ?? [] }) {
            lengths[line["speaker"] as? String ?? ""] = line["milliseconds"] as? Int
        }
        return lengths
    }

    @Test func aCharactersRateAndVoiceComeFromTheProjectFile() async throws {
        let project = try BuildProject(script: SoundBuildTests.script)
        let derived = try await lineLengths(project)
        // Anna slowed to 100 words a minute in a British voice; Ben's table is empty: his own.
        try Data("voices:\n  anna: {voice: en, rate: 100, pitch: 70}\n  BEN: {}\n".utf8)
            .write(to: project.directory.appendingPathComponent("animatic.yaml"))
        let chosen = try await lineLengths(project)
        let anna = try #require(derived["ANNA"]), slowAnna = try #require(chosen["ANNA"])
        #expect(Double(slowAnna) > Double(anna) * 1.3, "Anna at 100 wpm: \(slowAnna) ms, derived \(anna) ms")
        // An empty table is no choice: Ben sounds as the cast has him beside this Anna.
        try Data("voices:\n  anna: {voice: en, rate: 100, pitch: 70}\n".utf8)
            .write(to: project.directory.appendingPathComponent("animatic.yaml"))
        #expect(try await lineLengths(project)["BEN"] == chosen["BEN"])
    }

    @Test func aMisspeltVoiceKeyIsAnErrorAtItsPlace() async throws {
        let project = try BuildProject(script: SoundBuildTests.script)
        try Data("voices:\n  ANNA:\n    pich: 70\n".utf8).write(to: project.directory.appendingPathComponent("animatic.yaml"))
        let output = try await CommandRunner.run(["plan", "film.fountain"], in: project.directory)
        #expect(output.status != 0)
        #expect(output.stderr.contains("animatic.yaml:3:5: error: unknown key 'pich' in 'voices.ANNA'"), "\(output.stderr)")
        #expect(output.stderr.contains("did you mean 'pitch'?"))
    }
}

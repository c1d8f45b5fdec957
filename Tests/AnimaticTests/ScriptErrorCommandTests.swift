import Foundation
import Testing

/// Scripts with nothing to film, and scripts with errors, stop every command before it
/// writes anything (issue #10).
@Suite("animatic: empty scripts and scripts with errors")
struct ScriptErrorCommandTests {
    static let emptyScripts = ["", "\n\n", "Title: Nothing Yet\nAuthor: A. Writer\n\n"]

    @Test(arguments: emptyScripts)
    func checkReportsAnEmptyScriptAtTheStart(text: String) async throws {
        let project = try BuildProject(script: text)
        let output = try await CommandRunner.run(["check", "film.fountain"], in: project.directory)
        #expect(output.status == 65)
        #expect(output.stderr.hasPrefix("film.fountain:1:1: error: the script is empty: no scenes\n"), "\(output.stderr)")
    }

    @Test(arguments: emptyScripts + ["[[a note to self]]\n\n# ACT ONE\n\n= the synopsis\n"])
    func buildExits65BeforeAnyWork(text: String) async throws {
        let project = try BuildProject(script: text)
        let output = try await CommandRunner.run(["build", "film.fountain", "--size", "160x90"], in: project.directory)
        #expect(output.status == 65, "\(output.stderr)")
        #expect(output.stderr.hasPrefix("film.fountain:1:1: error: "), "\(output.stderr)")
        #expect(!output.stderr.contains("nothing to join"))
        let left = try FileManager.default.contentsOfDirectory(atPath: project.directory.path)
        #expect(left == ["film.fountain"], "\(left)")
    }

    @Test(arguments: [[], ["--json"], ["--csv"]])
    func planWithErrorsPrintsOnlyDiagnostics(options: [String]) async throws {
        let project = try BuildProject(script: "INT. A - DAY\n\n[[shot: CU; duration: soon]]\nA door opens.\n")
        let output = try await CommandRunner.run(["plan", "film.fountain"] + options, in: project.directory)
        #expect(output.status == 65)
        #expect(output.stdout.isEmpty, "\(output.stdout)")
        #expect(output.stderr.contains("film.fountain:3:23: error: invalid duration 'soon'"))
    }
}

import Foundation
import Testing
import TestSupport

@Suite("animatic parse and check")
struct ParseAndCheckCommandTests {
    static let clean = "Title: Test\n\nINT. HOUSE - DAY\n\nANNA\nHello.\n"

    private func withScript(_ bytes: [UInt8], _ body: (URL) async throws -> Void) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("film.fountain")
        try Data(bytes).write(to: file)
        try await body(file)
        #expect(try Data(contentsOf: file) == Data(bytes), "the script must never be modified")
    }

    @Test func parsePrintsTheTreeWithRanges() async throws {
        try await withScript(Array(Self.clean.utf8)) { file in
            let output = try await CommandRunner.run(["parse", file.path])
            #expect(output.status == 0)
            #expect(output.stdout.contains("Heading @3:1-3:17 \"INT. HOUSE - DAY\""))
            #expect(output.stdout.contains("Dialogue @5:1-6:7 character=\"ANNA\""))
            #expect(output.stderr.isEmpty)
        }
    }

    @Test func parseJSON() async throws {
        try await withScript(Array(Self.clean.utf8)) { file in
            let output = try await CommandRunner.run(["parse", "--json", file.path])
            #expect(output.status == 0)
            let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            #expect(object?["version"] as? Int == 1)
            #expect((object?["scenes"] as? [Any])?.count == 2)
        }
    }

    @Test func parseJSONGivesEachAnnotationValueItsRange() async throws {
        try await withScript(Array("INT. A - DAY\n\n[[shot: CU; move: wobble]]\nx\n".utf8)) { file in
            let output = try await CommandRunner.run(["parse", "--json", file.path])
            #expect(output.status == 0)
            let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            let scenes = try #require(object?["scenes"] as? [[String: Any]])
            let annotation = try #require((scenes[1]["elements"] as? [[String: Any]])?.first)
            let move = try #require((annotation["valueRanges"] as? [String: Any])?["move"] as? [String: [String: Int]])
            #expect(move["start"]?["line"] == 3 && move["start"]?["column"] == 19 && move["end"]?["column"] == 25)
        }
    }

    @Test func checkCleanScriptExitsZeroSilently() async throws {
        try await withScript(Array(Self.clean.utf8)) { file in
            let output = try await CommandRunner.run(["check", file.path])
            #expect(output.status == 0)
            #expect(output.stdout.isEmpty && output.stderr.isEmpty)
        }
    }

    @Test func checkWarningsOnlyExitsZero() async throws {
        try await withScript(Array("\nINT. HOUSE - DAY\nno blank line\n".utf8)) { file in
            let output = try await CommandRunner.run(["check", file.path])
            #expect(output.status == 0)
            #expect(output.stderr.contains("\(file.path):2:1: warning: 'INT. HOUSE - DAY' looks like a scene heading"))
        }
    }

    @Test func checkErrorsExit65WithCompilerStyleLines() async throws {
        try await withScript(Array("INT. A - DAY\n\n[[shot: CU; duration: soon]]\nx\n".utf8)) { file in
            let output = try await CommandRunner.run(["check", file.path])
            #expect(output.status == 65)
            #expect(output.stderr.contains("\(file.path):3:23: error: invalid duration 'soon'"))
            #expect(output.stderr.contains("1 error, 0 warnings"))
        }
    }

    @Test func garbageGivesDiagnosticsNotACrash() async throws {
        var bytes: [UInt8] = []
        var state: UInt32 = 12345
        for _ in 0..<4096 {
            state = state &* 1_664_525 &+ 1_013_904_223
            bytes.append(UInt8(truncatingIfNeeded: state >> 24))
        }
        try await withScript(bytes) { file in
            let output = try await CommandRunner.run(["check", file.path])
            #expect(output.status == 65)
            #expect(output.stderr.contains("error:"))
            let parsed = try await CommandRunner.run(["parse", file.path])
            #expect(parsed.status == 65)
            #expect(parsed.stdout.hasPrefix("Screenplay\n"))
        }
    }

    @Test func standardInput() async throws {
        let output = try await CommandRunner.run(["check", "-"], stdin: Data("\n[[seed: x]]\nA.\n".utf8))
        #expect(output.status == 65)
        #expect(output.stderr.hasPrefix("<stdin>:2:9: error: invalid seed 'x'"))
        let parsed = try await CommandRunner.run(["parse", "-"], stdin: Data(Self.clean.utf8))
        #expect(parsed.status == 0)
        #expect(parsed.stdout.contains("character=\"ANNA\""))
    }

    @Test func missingFileExits66WithOneLine() async throws {
        let output = try await CommandRunner.run(["check", "/nonexistent/film.fountain"])
        #expect(output.status == 66)
        #expect(output.stderr == "animatic: error: /nonexistent/film.fountain: no such file\n")
        let parse = try await CommandRunner.run(["parse", "/nonexistent/film.fountain"])
        #expect(parse.status == 66)
    }

    @Test func directoryExits66() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try await CommandRunner.run(["check", directory.path])
        #expect(output.status == 66)
    }

    @Test func usageErrorExits64() async throws {
        let output = try await CommandRunner.run(["check"])
        #expect(output.status == 64)
    }
}

import Animatic
import Foundation
import Testing

/// `animatic build` and `check --compliance` with the compliance gate (issue #16).
@Suite("compliance in the build")
struct ComplianceBuildTests {
    static let script = "EXT. HARBOR - DAWN\n\nTAYLOR waits on the pier.\n\nBarack Obama walks past her, waving.\n"

    @Test func aPublicFigureStopsAGenerativeBuildBeforeAnyRequestWithItsPosition() async throws {
        let (directory, script) = try QualityControlTests.project()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.script.utf8).write(to: script)
        let seeds = directory.appendingPathComponent("seeds")
        let output = try await QualityControlTests.build(script, mode: "", seeds: seeds)
        #expect(output.status == 65, "\(output.stderr)")
        #expect(output.stderr.contains(
            "\(script.path):5:1: error: the prompt of 1B-1 names a real public figure, 'Barack Obama'"), "\(output.stderr)")
        // No request: the backend never ran, and nothing was written.
        #expect(!FileManager.default.fileExists(atPath: seeds.path))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("film.mp4").path))

        // check --compliance says the same, and only that.
        let check = try await CommandRunner.run(["check", "--compliance", script.path, "--backend", "dashscope"])
        #expect(check.status == 65 && check.stderr.contains("5:1: error:"), "\(check.stderr)")
        // The cards renderer sends nothing anywhere: a warning.
        let cards = try await CommandRunner.run(["check", "--compliance", script.path])
        #expect(cards.status == 0 && cards.stderr.contains("5:1: warning:"), "\(cards.stderr)")
    }

    @Test func rewriteSendsTheBackendAPromptWithoutTheName() async throws {
        let (directory, script) = try QualityControlTests.project()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.script.utf8).write(to: script)
        try Data("compliance:\n  policy:\n    public_figures: rewrite\n".utf8)
            .write(to: directory.appendingPathComponent("animatic.yaml"))
        let output = try await QualityControlTests.build(script, mode: "", extra: ["--qc", "off"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("5:1: warning: the prompt of 1B-1 names a real public figure, 'Barack Obama'; "
            + "the prompt says 'a man in his sixties' instead"), "\(output.stderr)")
        // The prompts the backend was given (the plan keeps the script's own text beside them).
        let plan = try JSONSerialization.jsonObject(
            with: Data(contentsOf: directory.appendingPathComponent("film.plan.json"))) as? [String: Any]
        let prompts = ((plan?["shots"] as? [[String: Any]]) ?? [])
            .flatMap { ($0["segments"] as? [[String: Any]]) ?? [] }.compactMap { $0["prompt"] as? String }
        #expect(prompts.count == 2 && !prompts.contains { $0.contains("Obama") })
        #expect(prompts[1].contains("A man in his sixties walks past her"), "\(prompts)")
    }

    @Test func rewriteCoversEveryTakeAndWarnsOnce() async throws {
        let (directory, script) = try QualityControlTests.project()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.script.utf8).write(to: script)
        try Data("compliance:\n  policy:\n    public_figures: rewrite\n".utf8)
            .write(to: directory.appendingPathComponent("animatic.yaml"))
        let output = try await QualityControlTests.build(script, mode: "", extra: ["--qc", "off", "--takes", "3"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.components(separatedBy: "names a real public figure").count == 2, "\(output.stderr)")
        // Takes 2 and 3 are sent to the backend too: their prompts lose the name as take 1's does.
        let plan = try JSONSerialization.jsonObject(
            with: Data(contentsOf: directory.appendingPathComponent("film.plan.json"))) as? [String: Any]
        let shot = try #require((plan?["shots"] as? [[String: Any]])?.last)
        let takes = [(shot["segments"] as? [[String: Any]]) ?? []]
            + ((shot["otherTakes"] as? [[String: Any]]) ?? []).map { ($0["segments"] as? [[String: Any]]) ?? [] }
        let prompts = takes.flatMap { $0 }.compactMap { $0["prompt"] as? String }
        #expect(prompts.count == 3 && prompts.allSatisfy { $0.contains("A man in his sixties walks past her") }, "\(prompts)")
    }

    @Test func rewriteIsRefusedForASensitiveCategory() async throws {
        let (directory, script) = try QualityControlTests.project()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("compliance:\n  policy:\n    violence: rewrite\n".utf8)
            .write(to: directory.appendingPathComponent("animatic.yaml"))
        let check = try await CommandRunner.run(["check", "--compliance", script.path])
        #expect(check.status != 0 && check.stderr.contains("'compliance.policy.violence' cannot be rewrite"), "\(check.stderr)")
    }
}

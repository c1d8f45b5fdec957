import Animatic
import Foundation
import Generation
import Testing
import TestServers

/// `animatic build --quality draft|final` against the DashScope test server on loopback,
/// counting the tasks each build creates: drafts with one model and size, finals with
/// another, only for the shots the review file approved or picked.
@Suite("animatic build --quality over loopback DashScope")
struct QualityBuildTests {
    static let key = "sk-loopback-quality-51d84b06"
    /// The draft is wan2.2 asked for 832x480; the final wan2.6 at the house format's nearest size.
    static let projectFile = """
        quality:
          draft:
            size: 832x480
            dashscope: {model: wan2.2-t2v-plus}
          final:
            dashscope:
              model: wan2.6-t2v
        """

    @Test func draftsThenFinalsOfTheApprovedAndPickedShotsOnly() async throws {
        let server = try await TestServer.start("dashscope_server.py", config: ["key": Self.key, "task_seconds": 0])
        defer { server.stop() }
        let project = try BuildProject(script: BuildDashScopeTests.script)
        try Data(Self.projectFile.utf8).write(to: project.directory.appendingPathComponent("animatic.yaml"))
        let base = [
            "build", project.script.path, "--size", "320x180", "--backend", "dashscope",
            "--dashscope-url", server.url.absoluteString, "--qc", "off", "--cutlists", "html",
        ]
        func build(_ extra: [String]) async throws -> CommandRunner.Output {
            try await CommandRunner.run(base + extra, environment: ["DASHSCOPE_API_KEY": Self.key])
        }
        func models() async throws -> [String] {
            (try await server.stats()["bodies"] as? [[String: Any]] ?? []).map { $0["model"] as? String ?? "" }
        }
        let reportURL = project.directory.appendingPathComponent("film.report.json")
        let storyboard = project.directory.appendingPathComponent("film.storyboard.html")

        // Drafts: every segment, with the draft's model at the draft's size.
        let drafts = try await build(["--quality", "draft"])
        #expect(drafts.status == 0, "\(drafts.stderr)")
        #expect(try await server.count("creates") == 2)
        let bodies = try await server.stats()["bodies"] as? [[String: Any]] ?? []
        #expect(bodies.allSatisfy { ($0["parameters"] as? [String: Any])?["size"] as? String == "832*480" }, "\(bodies)")
        #expect(try await models() == ["wan2.2-t2v-plus", "wan2.2-t2v-plus"])
        let draftReport = try #require(BuildReport.read(reportURL))
        #expect(draftReport.segments.map(\.quality) == [.draft, .draft])
        let (first, second) = (draftReport.segments[0].id, draftReport.segments[1].id)
        let shots = draftReport.segments.map { String($0.id.rawValue.prefix { $0 != "-" }) }
        #expect(try String(contentsOf: storyboard, encoding: .utf8).components(separatedBy: "<em class=\"draft\">draft</em>")
            .count == 1 + 4, "each shot and each segment marked")

        // The first shot approved: the dry run says which is made as a final, and only it is.
        try Data("shots:\n  \(shots[0]):\n    status: approved\n".utf8)
            .write(to: project.directory.appendingPathComponent("film.review.yaml"))
        let plan = try await build(["--quality", "final", "--dry-run"])
        #expect(plan.stdout.contains("generate \(first): runs (content changed), final\n"), "\(plan.stdout)")
        #expect(plan.stdout.contains("generate \(second): up to date, draft\n"), "\(plan.stdout)")
        #expect(plan.stdout.contains("\ndashscope: 1 request, "), "\(plan.stdout)")
        let finals = try await build(["--quality", "final"])
        #expect(finals.status == 0, "\(finals.stderr)")
        #expect(try await server.count("creates") == 3)
        #expect(try await models().last == "wan2.6-t2v")
        let finalReport = try #require(BuildReport.read(reportURL))
        #expect(finalReport.segments.map(\.quality) == [.final, .draft])
        #expect(finalReport.segments.map(\.status) == [.generated, .reused])
        let page = try String(contentsOf: storyboard, encoding: .utf8)
        #expect(page.components(separatedBy: "<em class=\"draft\">draft</em>").count == 1 + 2, "the second shot only")
        #expect(page.contains("<h3>\(shots[1]) <em class=\"draft\">draft</em>"))
        #expect(!page.contains("<h3>\(shots[0]) <em"))

        // Nothing changed: nothing is paid for again, at either quality.
        #expect(try await build(["--quality", "final"]).status == 0)
        #expect(try await build(["--quality", "draft"]).status == 0)
        #expect(try await server.count("creates") == 3)

        // --all makes the rest final too; so does a pick.
        let everything = try await build(["--quality", "final", "--all", "--dry-run"])
        #expect(everything.stdout.contains("generate \(second): runs (content changed), final\n"), "\(everything.stdout)")
        try Data("shots:\n  \(shots[0]):\n    status: approved\n  \(shots[1]):\n    pick: 1\n".utf8)
            .write(to: project.directory.appendingPathComponent("film.review.yaml"))
        #expect(try await build(["--quality", "final"]).status == 0)
        #expect(try await server.count("creates") == 4)
        #expect(try #require(BuildReport.read(reportURL)).segments.map(\.quality) == [.final, .final])
        #expect(!(try String(contentsOf: storyboard, encoding: .utf8)).contains("class=\"draft\""))

        // A build without --quality is keyed as before, apart from both.
        let plain = try await build(["--dry-run"])
        #expect(plain.stdout.contains("\ndashscope: 2 requests, "), "\(plain.stdout)")
    }

    @Test func qualitiesNeedABackendAndAllNeedsFinal() async throws {
        let project = try BuildProject(script: BuildDashScopeTests.script)
        let cards = try await CommandRunner.run(["build", project.script.path, "--quality", "draft", "--dry-run"])
        #expect(cards.status == 64)
        #expect(cards.stderr.contains("the cards backend has no qualities"), "\(cards.stderr)")
        // plan and export cut the segments as build does, so they refuse it alike.
        #expect(try await CommandRunner.run(["plan", project.script.path, "--quality", "final"]).status == 64)
        let all = try await CommandRunner.run(["build", project.script.path, "--all", "--quality", "draft", "--dry-run"])
        #expect(all.status == 64)
        #expect(all.stderr.contains("--all needs --quality final"), "\(all.stderr)")
        // A quality section is read like the rest of the file: an unknown key is an error at it.
        try Data("quality:\n  final:\n    dashscope: {modle: wan2.6-t2v}\n".utf8)
            .write(to: project.directory.appendingPathComponent("animatic.yaml"))
        let typo = try await CommandRunner.run(["check", project.script.path])
        #expect(typo.status == 65)
        #expect(typo.stderr.contains("animatic.yaml:3:17: error: unknown key 'modle' in 'quality.final.dashscope'"),
                "\(typo.stderr)")
    }
}

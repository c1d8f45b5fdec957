import Animatic
import Foundation
import Generation
import Media
import Testing

/// The cut list record (`CutListRecord`): the thumbnail, sheet page and cut list steps of a
/// no-op are up to date from it and do nothing, and anything it does not vouch for makes
/// them work again.
@Suite("cut lists: the record decides their steps' status")
struct CutListRecordTests {
    private func steps(_ project: BuildProject) throws -> StepPlan {
        let settings = project.settings()
        return try Builder(settings: settings).stepPlan(for: try project.compile(settings).plan, scriptPath: project.script.path)
    }

    /// The cached thumbnails, by path.
    private func thumbnails(_ project: BuildProject) -> [URL] {
        (FileManager.default.enumerator(atPath: project.cache.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".jpg") && !$0.contains(".partial-") }.map { project.cache.appendingPathComponent($0) }
    }

    @Test("a no-op reads no thumbnail: a damaged one stays as it is, and no output changes")
    func aNoOpReadsNoThumbnail() async throws {
        let project = try BuildProject(script: buildScript)
        _ = try await project.build()
        _ = try await project.build()
        let thumbnail = try #require(thumbnails(project).first)
        try FileManager.default.removeItem(at: thumbnail)
        try Data("not a picture".utf8).write(to: thumbnail)
        let plan = try steps(project)
        #expect(plan.running.isEmpty, "\(plan.running.map(\.id))")
        let storyboard = project.directory.appendingPathComponent("film.storyboard.html")
        let page = try Data(contentsOf: storyboard)
        let modified = RegularFile.status(storyboard.path)?.modified
        _ = try await project.build()
        // The old build checked every thumbnail's digest and grabbed this one again.
        #expect(try Data(contentsOf: thumbnail) == Data("not a picture".utf8))
        #expect(try Data(contentsOf: storyboard) == page && RegularFile.status(storyboard.path)?.modified == modified)
    }

    @Test("a cut list edited by hand is not vouched for: its step runs, and the build writes it again")
    func anEditedCutListIsMadeAgain() async throws {
        let project = try BuildProject(script: buildScript)
        _ = try await project.build()
        _ = try await project.build()
        let edl = project.directory.appendingPathComponent("film.edl")
        let written = try Data(contentsOf: edl)
        try Data("TITLE: mine\n".utf8).write(to: edl)
        let plan = try steps(project)
        #expect(plan.running.map(\.id) == ["cut-list film.edl"])
        #expect(plan.steps.first { $0.id == "cut-list film.edl" }?.status == .runs(.contentChanged))
        _ = try await project.build()
        #expect(try Data(contentsOf: edl) == written)
        #expect(try steps(project).running.isEmpty)
    }

    @Test("a build that made a clip records its cut lists: the next no-op renders none")
    func aBuildThatMadeAClipRecordsItsCutLists() async throws {
        let project = try BuildProject(script: buildScript)
        _ = try await project.build()
        try project.write(buildScript.replacingOccurrences(of: "Fog rolls in", with: "Mist rolls in"))
        _ = try await project.build()
        for thumbnail in thumbnails(project) { try FileManager.default.removeItem(at: thumbnail) }
        _ = try await project.build()
        #expect(thumbnails(project).isEmpty, "the no-op after the edit grabbed thumbnails for its cut lists")
    }
}

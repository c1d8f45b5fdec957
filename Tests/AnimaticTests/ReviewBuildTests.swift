import Foundation
import Testing

/// `animatic build` after a review: exactly the revised shot's segments are made again.
@Suite("review file: rebuilding")
struct ReviewBuildTests {
    static func report(_ project: ReviewProject) throws -> [String: Any] {
        let data = try Data(contentsOf: project.directory.appendingPathComponent("film.report.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    static func build(_ project: ReviewProject) async throws -> [String: Any] {
        let output = try await project.run(["build", "film.fountain", "--size", "160x90", "--cutlists", "edl", "--quiet"])
        #expect(output.status == 0, "\(output.stderr)")
        return try report(project)
    }

    /// The IDs of the segments the build generated.
    static func generated(_ report: [String: Any]) -> [String] {
        (report["segments"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "generated" }.compactMap { $0["id"] as? String }
    }

    @Test func aRevisionRegeneratesOnlyItsShotAndTheReportNamesIt() async throws {
        let project = try ReviewProject(review: nil)
        let first = try await Self.build(project)
        #expect(Self.generated(first) == ["1A-1", "2A-1", "2B-1"])
        #expect(first["revisedShots"] as? [String] == [])

        // Notes, a status and a pick change no request.
        try Data("shots:\n  2A:\n    status: needs-work\n    pick: 1\n    notes:\n      - text: too dark\n".utf8).write(to: project.reviewFile)
        #expect(Self.generated(try await Self.build(project)).isEmpty)

        // "Closer" changes the shot's size, which the storyboard card draws (a prompt alone
        // does not shape the card renderer's pixels).
        try Data("shots:\n  2A:\n    notes:\n      - text: closer\n".utf8).write(to: project.reviewFile)
        let applied = try await project.run(["review", "film.fountain", "--apply-notes"])
        #expect(applied.status == 0)
        let revised = try await Self.build(project)
        #expect(Self.generated(revised) == ["2A-1"])
        #expect(revised["reused"] as? Int == 2 && revised["revisedShots"] as? [String] == ["2A"])
        let reason = (revised["segments"] as? [[String: Any]])?.first { $0["id"] as? String == "2A-1" }?["reason"] as? String
        #expect(reason == "content changed")

        // Taking the revision out brings the cached clip back.
        try FileManager.default.removeItem(at: project.reviewFile)
        let back = try await Self.build(project)
        #expect(Self.generated(back).isEmpty && back["revisedShots"] as? [String] == [])
    }
}

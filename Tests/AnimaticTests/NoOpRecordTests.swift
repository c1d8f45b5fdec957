import Foundation
import Animatic
import Generation
import Media
import Project
import Testing

/// `animatic build` run again with nothing changed is finished from the video's
/// `NoOpRecord`, without planning, and leaves exactly what a planned no-op leaves.
@Suite("animatic build: a no-op decided from its record")
struct NoOpRecordTests {
    /// The build script with a line the compliance check warns about, so a no-op has diagnostics to print.
    private static let script = buildScript + "\nAn infant sleeps in the corner.\n"
    private static let arguments = ["build", "film.fountain", "--size", "160x90", "--jobs", "2", "--audio", "none"]

    private func build(_ project: BuildProject) async throws -> CommandRunner.Output {
        let result = try await CommandRunner.run(Self.arguments, in: project.directory)
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    /// Every file beside the video (the cache aside), with its bytes, the project's folder
    /// named `PROJECT` in the text ones (the cut lists name the media by absolute path).
    private func outputs(_ project: BuildProject) -> [String: Data] {
        let files = FileManager.default.enumerator(atPath: project.directory.path)?.allObjects as? [String] ?? []
        return Dictionary(uniqueKeysWithValues: files.filter { !$0.hasPrefix(".animatic-cache") }.compactMap { file in
            FileManager.default.contents(atPath: project.directory.appendingPathComponent(file).path).map { data in
                guard !file.hasSuffix(".mp4") && !file.hasSuffix(".png") else { return (file, data) }
                return (file, Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: project.directory.path, with: "PROJECT").utf8))
            }
        })
    }

    /// The modification time of every file beside the video, by name.
    private func times(_ project: BuildProject) -> [String: Int?] {
        Dictionary(uniqueKeysWithValues: outputs(project).keys.map { file in
            (file, RegularFile.status(project.directory.appendingPathComponent(file).path)?.modified)
        })
    }

    private func record(_ project: BuildProject) -> URL {
        NoOpRecord.url(video: project.output, cache: project.cache)
    }

    @Test("the first no-op after a build that made clips writes the report a planned no-op writes, and prints the same")
    func aRecordedNoOpLeavesWhatAPlannedOneLeaves() async throws {
        let recorded = try BuildProject(script: Self.script), planned = try BuildProject(script: Self.script)
        _ = try await build(recorded)
        _ = try await build(planned)
        #expect(FileManager.default.fileExists(atPath: record(recorded).path))
        try FileManager.default.removeItem(at: record(planned))
        let fromRecord = try await build(recorded)
        let fromPlan = try await build(planned)
        #expect(fromRecord.stderr == fromPlan.stderr)
        #expect(fromRecord.stderr.contains("warning: ") && fromRecord.stderr.contains("is up to date"), "\(fromRecord.stderr)")
        let report = try #require(BuildReport.read(recorded.directory.appendingPathComponent("film.report.json")))
        #expect(report.generated == 0 && report.reused == report.segments.count && !report.videoWritten)
        let left = outputs(recorded), right = outputs(planned)
        #expect(left.keys.sorted() == right.keys.sorted())
        for (file, data) in left where file != "film.report.json" { #expect(data == right[file], "\(file)") }
        // The reports differ only in their video's modification time, which is each project's own.
        var reports = try [recorded, planned].map { project in
            try #require(BuildReport.read(project.directory.appendingPathComponent("film.report.json")))
        }
        for index in reports.indices { reports[index].video?.modified = 0 }
        #expect(reports[0] == reports[1])
        // The record no longer holds a report to put in place; the next no-op changes nothing.
        let before = times(recorded)
        #expect(try await build(recorded).stderr == fromPlan.stderr)
        #expect(times(recorded) == before)
    }

    @Test("a recorded no-op opens no cache entry: a clip removed from the cache is not made again")
    func aRecordedNoOpReadsNoCacheEntry() async throws {
        let project = try BuildProject(script: Self.script)
        _ = try await build(project)
        let clip = project.cache.appendingPathComponent("clips").appendingPathComponent(try #require(project.cachedClips().first))
        try FileManager.default.removeItem(at: clip)
        _ = try await build(project)
        #expect(!FileManager.default.fileExists(atPath: clip.path), "the clip was made again: the build planned")
    }

    @Test("a touched script, an edited output, other flags or a new review file each make the build plan again")
    func anythingRecordedThatChangedMakesTheBuildPlan() async throws {
        let project = try BuildProject(script: Self.script)
        _ = try await build(project)
        let clips = project.cache.appendingPathComponent("clips")
        func removeAClipAndBuild(_ arguments: [String] = Self.arguments) async throws -> Bool {
            let clip = clips.appendingPathComponent(try #require(project.cachedClips().first))
            try FileManager.default.removeItem(at: clip)
            let result = try await CommandRunner.run(arguments, in: project.directory)
            #expect(result.status == 0, "\(result.stderr)")
            // A planned build finds the clip missing and makes it again.
            return FileManager.default.fileExists(atPath: clip.path)
        }
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: project.script.path)
        #expect(try await removeAClipAndBuild())
        try Data("edited".utf8).write(to: project.directory.appendingPathComponent("film.srt"))
        #expect(try await removeAClipAndBuild())
        #expect(try await removeAClipAndBuild(Self.arguments + ["--quiet"]))
        try Data("shots:\n  1A:\n    status: approved\n".utf8).write(to: project.directory.appendingPathComponent("film.review.yaml"))
        #expect(try await removeAClipAndBuild())
        #expect(!(try await removeAClipAndBuild()), "with nothing changed, the record decides")
    }

    private var arguments: [String] { Self.arguments }
}

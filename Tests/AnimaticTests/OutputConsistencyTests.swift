import Animatic
import Foundation
import Generation
import Testing

/// Outputs after a stop anywhere (issue 11): the report vouches for the outputs only once
/// they are all written, up to date means the video on disk is the one recorded, and the
/// temporary files a killed build left beside the outputs go.
@Suite struct OutputConsistencyTests {
    /// What the report on disk said at the moment the build announced the new video.
    final class ReportWatch: Sendable {
        private let lock = NSLock()
        nonisolated(unsafe) private var seen: [String] = []
        func record(_ digest: String) { lock.withLock { seen.append(digest) } }
        var digests: [String] { lock.withLock { seen } }
    }

    @Test func theReportStopsVouchingBeforeAnyOutputIsReplaced() async throws {
        let project = try BuildProject(script: buildScript)
        let (_, _, first) = try await project.build()
        #expect(!first.inputsDigest.isEmpty)
        try project.write(buildScript.replacingOccurrences(of: "Fog rolls in", with: "Rain sweeps in"))
        let settings = project.settings()
        let watch = ReportWatch()
        let builder = Builder(settings: settings) { event in
            // A kill right after "wrote film.mp4" leaves whatever report is on disk now.
            guard case let .videoWritten(name, _) = event, name == settings.outputName else { return }
            watch.record(BuildReport.read(settings.reportURL)?.inputsDigest ?? "no report")
        }
        let report = try await builder.build(try project.compile(settings).plan, scriptPath: project.script.path)
        #expect(watch.digests == [""])
        #expect(!report.inputsDigest.isEmpty && report.inputsDigest != first.inputsDigest)
        #expect(BuildReport.read(settings.reportURL) == report)
    }

    @Test func aTruncatedVideoIsNotUpToDate() async throws {
        let project = try BuildProject(script: buildScript)
        let (_, _, first) = try await project.build()
        let size = try #require(first.video?.size)
        #expect(truncate(project.output.path, off_t(size - 1000)) == 0)
        let (_, _, report) = try await project.build()
        #expect(report.videoWritten)
        #expect(report.video == VideoRecordProbe.read(project.output, like: report.video))
    }

    @Test func aVideoEditedInPlaceAtTheSameSizeIsNotUpToDate() async throws {
        let project = try BuildProject(script: buildScript)
        let (_, _, first) = try await project.build()
        let original = try Data(contentsOf: project.output)
        let modified = try FileManager.default.attributesOfItem(atPath: project.output.path)[.modificationDate]
        var edited = original
        for index in edited.count / 2..<edited.count / 2 + 32 { edited[index] = ~edited[index] }
        try edited.write(to: project.output)
        try FileManager.default.setAttributes([.modificationDate: modified as Any], ofItemAtPath: project.output.path)
        let (_, _, report) = try await project.build()
        #expect(report.videoWritten)
        #expect(try Data(contentsOf: project.output) == original)
        #expect(report.video?.sha256 == first.video?.sha256)
    }

    @Test func anUntouchedVideoStaysUpToDate() async throws {
        let project = try BuildProject(script: buildScript)
        _ = try await project.build()
        let (_, _, report) = try await project.build()
        #expect(!report.videoWritten)
        #expect(report.video != nil)
        let (_, _, again) = try await project.build()
        #expect(!again.videoWritten)
    }

    @Test func partialFilesAKilledBuildLeftBesideTheOutputsAreRemoved() async throws {
        let project = try BuildProject(script: buildScript)
        let manager = FileManager.default
        let stale = [".film.mp4.partial-1B2C", ".film.xml.partial-3D4E", ".film.report.json.partial-5F6A"]
        for name in stale { try Data(repeating: 7, count: 4096).write(to: project.directory.appendingPathComponent(name)) }
        try manager.createDirectory(
            at: project.directory.appendingPathComponent(".film.media.partial-7B8C/inside"), withIntermediateDirectories: true)
        let unrelated = project.directory.appendingPathComponent(".other.mp4.partial-9D0E")
        try Data("another film's".utf8).write(to: unrelated)
        _ = try await project.build()
        let left = try manager.contentsOfDirectory(atPath: project.directory.path).filter { $0.contains(".partial-") }
        #expect(left == [unrelated.lastPathComponent])
    }
}

/// Reads back what a report records of a video, for comparison.
enum VideoRecordProbe {
    static func read(_ url: URL, like record: VideoRecord?) -> VideoRecord? {
        guard let record, let data = try? Data(contentsOf: url) else { return nil }
        return data.count == record.size && SHA256.hex(data) == record.sha256 ? record : nil
    }
}

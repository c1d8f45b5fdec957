import Animatic
import CutLists
import Foundation
import Planning
import Testing

/// The cut lists written by a build agree with its video to the frame.
@Suite("Cut lists agree with the video")
struct CutListAgreementTests {
    /// The MD5 of every decoded frame of `video`, in order (`ffmpeg -f framemd5`).
    private func frameHashes(_ video: URL) async throws -> [String] {
        try await runTool("ffmpeg", ["-v", "error", "-i", video.path, "-map", "0:v:0", "-f", "framemd5", "-"])
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
            .compactMap { $0.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    /// `(record-in frame, clip file)` of each event of an EDL written with `* FROM FILE:`.
    private func events(_ edl: String, rate: FrameRate) throws -> [(Int, URL)] {
        var events: [(Int, URL)] = []
        var recordIn: Int?
        for line in edl.split(separator: "\n") {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            if columns.count == 8, columns[0].count == 3, Int(columns[0]) != nil {
                recordIn = rate.frame(timecode: String(columns[6]))
            } else if line.hasPrefix("* FROM FILE: "), let frame = recordIn {
                events.append((frame, URL(fileURLWithPath: String(line.dropFirst("* FROM FILE: ".count)))))
                recordIn = nil
            }
        }
        return events
    }

    @Test(arguments: [FrameRate.film, .videoNTSC])
    func everyEDLRecordInIsWhereThatClipStartsInTheVideo(rate: FrameRate) async throws {
        let project = try BuildProject(script: buildScript)
        let (compilation, _, _) = try await project.build(project.settings(frameRate: rate))
        let edlURL = project.output.deletingPathExtension().appendingPathExtension("edl")
        let edl = try String(contentsOf: edlURL, encoding: .utf8)
        let found = try events(edl, rate: rate)
        let segments = compilation.plan.shots.flatMap(\.segments)
        #expect(found.count == segments.count)
        #expect(found.map { $0.1.deletingPathExtension().lastPathComponent } == segments.map(\.id.rawValue))

        let videoFrames = try await frameHashes(project.output)
        #expect(videoFrames.count == compilation.plan.totalFrames)
        let start = rate.frame(timecode: rate.isDropFrame ? "01:00:00;00" : "01:00:00:00") ?? 0
        for (recordIn, clip) in found {
            let clipFrames = try await frameHashes(clip)
            let offset = recordIn - start
            #expect(offset >= 0 && offset + clipFrames.count <= videoFrames.count)
            guard offset >= 0, offset + clipFrames.count <= videoFrames.count else { continue }
            #expect(Array(videoFrames[offset..<(offset + clipFrames.count)]) == clipFrames,
                    "\(clip.lastPathComponent) is not at record frame \(recordIn)")
        }
    }

    @Test func buildWritesEveryCutListBesideTheVideo() async throws {
        let project = try BuildProject(script: buildScript)
        _ = try await project.build()
        for format in CutListFormat.allCases {
            let url = project.output.deletingPathExtension().appendingPathExtension(format.fileExtension)
            #expect(FileManager.default.fileExists(atPath: url.path), "\(url.lastPathComponent) missing")
        }
    }
}

import Foundation
import Media
import Testing
import TestSupport

/// `TrackMuxer.mux(segments:…)` as a join: segments end to end, no other track.
@Suite("Joining segments")
struct JoinTests {
    /// Joins `segments` of `frames` frames each to `destination` with no other track.
    func join(_ segments: [URL], frames: [Int], format: HouseFormat = smallHouse, to destination: URL) async throws {
        try await TrackMuxer(format: format).mux(segments: segments, frames: frames, tracks: ExtraTracks(), to: destination)
    }

    @Test("joins segments end to end: frame counts add up, timestamps run on evenly")
    func joins() async throws {
        let directory = try Scratch()
        let parts = try titleCardSegments([24, 30, 18, 1], in: directory)
        let joined = directory.file("joined.mp4")
        try await join(parts, frames: [24, 30, 18, 1], to: joined)

        #expect(try Probe.packetCount(joined) == 73)
        #expect(try Probe.decodedFrameCount(joined) == 73)
        let probed = try await FFprobeVideo(joined, in: directory)
        #expect(probed.readFrames == 73)
        #expect(probed.frameRate == "24/1")
        #expect(try await decodeErrors(joined, in: directory) == "")
        let duration = try #require(try Probe.info(joined).duration)
        #expect(abs(duration - 73.0 / 24.0) < 0.001)

        let json = try await ffprobe(
            ["-select_streams", "v", "-show_entries", "packet=pts,dts,duration"], joined, in: directory)
        let packets = try #require(json["packets"] as? [[String: Any]])
        let pts = packets.compactMap { $0["pts"] as? Int }
        let dts = packets.compactMap { $0["dts"] as? Int }
        let durations = Set(packets.compactMap { $0["duration"] as? Int })
        try #require(pts.count == 73 && dts.count == 73)
        #expect(pts.first == 0)
        let steps = Set(zip(pts.dropFirst(), pts).map { $0 - $1 })
        #expect(steps.count == 1 && steps.first! > 0, "constant positive pts step, got \(steps)")
        #expect(zip(dts.dropFirst(), dts).allSatisfy { $0 > $1 })
        #expect(durations == steps)
    }

    @Test("rendered and conformed segments join: one house format, one set of encoder headers")
    func rendersAndConformsJoin() async throws {
        let directory = try Scratch()
        let rendered = try titleCardSegments([12], in: directory)[0]
        let foreign = directory.file("foreign.mov")
        try await makeInput(ForeignClip.all[0].arguments + [foreign.path], in: directory)
        let conformed = directory.file("conformed.mp4")
        try await Conformer(format: smallHouse).conform(foreign, frames: 30, to: conformed)
        let joined = directory.file("joined.mp4")
        try await join([rendered, conformed, rendered], frames: [12, 30, 12], to: joined)
        #expect(try await FFprobeVideo(joined, in: directory).readFrames == 54)
        #expect(try await decodeErrors(joined, in: directory) == "")
    }

    @Test("joins at 30000/1001 without drift")
    func joinsNTSC() async throws {
        let directory = try Scratch()
        let format = HouseFormat(width: 160, height: 90, frameRate: Rational(30000, 1001))
        let parts = try titleCardSegments([31, 29, 30], in: directory, format: format)
        let joined = directory.file("joined.mp4")
        try await join(parts, frames: [31, 29, 30], format: format, to: joined)
        let probed = try await FFprobeVideo(joined, in: directory)
        #expect(probed.readFrames == 90)
        #expect(probed.frameRate == "30000/1001")
        let duration = try #require(try Probe.info(joined).duration)
        #expect(abs(duration - 90 * 1001 / 30000.0) < 0.001)
    }

    @Test("a segment of another size is refused, naming the file and the property")
    func refusesSize() throws {
        let directory = try Scratch()
        let good = try titleCardSegments([6], in: directory)[0]
        let small = directory.file("small.mp4")
        try FilterGraphRenderer(format: HouseFormat(width: 160, height: 90, frameRate: Rational(24))).render(
            graph: "color=c=red:s=160x90:r=24", frames: 6, to: small)
        let joined = directory.file("joined.mp4")
        #expect(
            throws: MediaError.incompatibleSegment(
                file: small.path, property: "stream 0 size", expected: "320x180", found: "160x90")
        ) {
            try TrackMuxer(format: smallHouse).mux(
                segments: [good, good, small], frames: [6, 6, 6], tracks: ExtraTracks(), to: joined)
        }
        #expect(try directory.contents() == ["segment-0.mp4", "small.mp4"])
    }

    @Test("a segment from other encoder settings is refused for its extradata")
    func refusesEncoderSettings() async throws {
        let directory = try Scratch()
        let good = try titleCardSegments([6], in: directory)[0]
        let other = directory.file("ultrafast.mp4")
        try await makeInput(
            ["-f", "lavfi", "-i", "color=c=red:s=320x180:r=24:d=0.25", "-c:v", "libx264", "-preset", "ultrafast",
             "-bf", "0", "-pix_fmt", "yuv420p", other.path], in: directory)
        let joined = directory.file("joined.mp4")
        let error = try #require(throws: MediaError.self) {
            try TrackMuxer(format: smallHouse).mux(segments: [good, other], frames: [6, 6], tracks: ExtraTracks(), to: joined)
        }
        guard case let .incompatibleSegment(file, property, expected, found) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(file == other.path)
        #expect(property == "stream 0 extradata")
        #expect(expected != found)
        #expect(error.description.contains("ultrafast.mp4"))
        #expect(!FileManager.default.fileExists(atPath: joined.path))
    }

    @Test("a segment of another pixel format is refused though later segments are not analysed by decoding")
    func refusesPixelFormat() async throws {
        let directory = try Scratch()
        let good = try titleCardSegments([6, 6], in: directory)
        // Same encoder preset and size as the house format, but 4:4:4 chroma: only the
        // SPS in its extradata tells the joiner, which reads no frame of it.
        let other = directory.file("yuv444p.mp4")
        try await makeInput(
            ["-f", "lavfi", "-i", "color=c=red:s=320x180:r=24:d=0.25", "-c:v", "libx264", "-preset", "medium",
             "-bf", "0", "-pix_fmt", "yuv444p", other.path], in: directory)
        let joined = directory.file("joined.mp4")
        let error = try #require(throws: MediaError.self) {
            try TrackMuxer(format: smallHouse).mux(segments: good + [other], frames: [6, 6, 6], tracks: ExtraTracks(), to: joined)
        }
        guard case let .incompatibleSegment(file, property, _, _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(file == other.path)
        #expect(property == "stream 0 extradata")
        #expect(!FileManager.default.fileExists(atPath: joined.path))
    }

    @Test("a segment with an extra stream is refused; an existing destination is left as it was")
    func refusesStreamCount() async throws {
        let directory = try Scratch()
        let good = try titleCardSegments([6], in: directory)[0]
        let withAudio = directory.file("with-audio.mp4")
        try await makeInput(
            ["-f", "lavfi", "-i", "color=c=red:s=320x180:r=24:d=0.25", "-f", "lavfi", "-i", "sine=d=0.25",
             "-c:v", "libx264", "-c:a", "aac", withAudio.path], in: directory)
        let joined = directory.file("joined.mp4")
        try Data("previous build".utf8).write(to: joined)
        #expect(
            throws: MediaError.incompatibleSegment(
                file: withAudio.path, property: "stream count", expected: "1", found: "2")
        ) {
            try TrackMuxer(format: smallHouse).mux(segments: [good, withAudio], frames: [6, 6], tracks: ExtraTracks(), to: joined)
        }
        #expect(try Data(contentsOf: joined) == Data("previous build".utf8))
        #expect(try directory.contents() == ["joined.mp4", "segment-0.mp4", "with-audio.mp4"])
    }
}

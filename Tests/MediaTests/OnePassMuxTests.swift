import Foundation
import Media
import Testing
import TestSupport

/// `TrackMuxer.mux(segments:…)` joins and lays the tracks in one pass: its video must be the
/// segments' packets, unchanged and in order, and the MP4 what muxing a joined file gave.
@Suite("TrackMuxer in one pass")
struct OnePassMuxTests {
    static let frames = Array(AACChunkTests.segmentFrames.prefix(6))

    static func segments(in directory: Scratch) throws -> [URL] { try titleCardSegments(frames, in: directory) }

    static let tracks = ExtraTracks(
        subtitles: [
            SubtitleCue(startFrame: 0, endFrame: 30, text: "First line"),
            SubtitleCue(startFrame: 40, endFrame: 140, text: "A cue across a cut"),
            SubtitleCue(startFrame: 200, endFrame: 290, text: "Last one"),
        ],
        subtitleLanguage: "eng", timecode: try! Timecode("01:00:00:00"),
        chapters: [Chapter(title: "One", startFrame: 0), Chapter(title: "Two", startFrame: 90)])

    /// Each video packet's size and MD5, in order, as ffmpeg reads `file` (an independent check).
    static func videoPackets(_ file: URL, in directory: Scratch) async throws -> [Substring] {
        let result = try await run(
            "ffmpeg", ["-v", "error", "-nostdin", "-i", file.path, "-map", "0:v", "-c", "copy", "-f", "framemd5", "-"],
            in: directory)
        try #require(result.status == 0, "ffmpeg framemd5: \(result.stderr)")
        // `stream, dts, pts, duration, size, hash`: the size and the hash, the timestamps apart.
        return result.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            $0.split(separator: ",").suffix(2).joined(separator: ",")[...]
        }
    }

    @Test(arguments: [false, true])
    func theVideoIsTheSegmentsPacketsInOrderAndTheSameBytesEachTime(withAudio: Bool) async throws {
        let directory = try Scratch()
        let parts = try Self.segments(in: directory)
        var audio: AudioTrack?
        if withAudio {
            // A film of the first segments' lengths: the mix is as long as the video.
            var film = try AACChunkTests.film(AACChunkTests.segmentFrames, in: directory)
            let length = Self.frames.reduce(0, +) * 2000
            film.mix = AudioMix(length: length, voices: film.mix.voices.filter { $0.start + $0.length <= length })
            audio = AudioTrack(
                mix: film.mix, gain: -3, segmentStarts: Array(film.starts.prefix(Self.frames.count)),
                chunkFile: AACChunkTests.track(film, chunks: directory.file("chunks")).chunkFile)
        }
        let first = directory.file("first.mp4"), second = directory.file("second.mp4")
        for destination in [first, second] {
            try await TrackMuxer(format: smallHouse).mux(
                segments: parts, frames: Self.frames, tracks: Self.tracks, audio: audio, to: destination)
        }
        let expected = try Data(contentsOf: first), found = try Data(contentsOf: second)
        #expect(expected.count > 10_000)
        #expect(found == expected, "\(found.count) bytes against \(expected.count)")

        var segmentPackets: [Substring] = []
        for part in parts { segmentPackets += try await Self.videoPackets(part, in: directory) }
        #expect(segmentPackets.count == Self.frames.reduce(0, +))
        #expect(try await Self.videoPackets(first, in: directory) == segmentPackets)
        let streams = try #require(try await ffprobe(["-show_streams"], first, in: directory)["streams"] as? [[String: Any]])
        #expect(streams.contains { $0["codec_type"] as? String == "audio" } == withAudio)
    }

    @Test func theBitRateIsTheOneTheDemuxerReadsFromAJoinedFile() async throws {
        // Muxing a joined file's video, the muxer wrote the video's bit rate as the MP4
        // demuxer read it back from that file (size × 8 × timescale / duration, rounded down)
        // as the `btrt` box's maximum; one pass must write the same. Rounding differs only
        // when the quotient's fraction is a half or more: find such a join by lengthening
        // the last segment a frame at a time, reading sizes and duration with ffprobe.
        let directory = try Scratch()
        let parts = try Self.segments(in: directory)
        var frames = Self.frames
        let last = parts.count - 1
        for attempt in 0..<12 {
            if attempt > 0 {
                frames[last] += 1
                try await FilterGraphRenderer(format: smallHouse).render(
                    graph: titleCardGraph(smallHouse), frames: frames[last], to: parts[last])
            }
            let onePass = directory.file("one-\(attempt).mp4")
            try await TrackMuxer(format: smallHouse).mux(segments: parts, frames: frames, tracks: Self.tracks, to: onePass)
            let json = try await ffprobe(
                ["-select_streams", "v", "-show_entries", "packet=size:stream=duration_ts,time_base"], onePass,
                in: directory)
            let sizes = try #require(json["packets"] as? [[String: Any]]).compactMap { ($0["size"] as? String).flatMap(Int.init) }
            let stream = try #require((json["streams"] as? [[String: Any]])?.first)
            let duration = try #require(stream["duration_ts"] as? Int)
            let timescale = try #require((stream["time_base"] as? String)?.split(separator: "/").last.flatMap { Int($0) })
            let bits = sizes.reduce(0, +) * 8 * timescale
            guard bits % duration * 2 >= duration else { continue }
            // The video's box comes first: size, type `btrt`, buffer size, maximum, average.
            let bytes = try Data(contentsOf: onePass)
            let box = try #require(bytes.range(of: Data("btrt".utf8)))
            let maximum = bytes[(box.upperBound + 4)..<(box.upperBound + 8)].reduce(0) { $0 << 8 | Int($1) }
            #expect(maximum == bits / duration, "last segment of \(frames[last]) frames")
            return
        }
        Issue.record("no join of these segments has a bit rate that rounds up")
    }

    @Test func aSegmentThatDoesNotHoldItsFramesLeavesNoVideo() async throws {
        let directory = try Scratch()
        let parts = try Self.segments(in: directory)
        let final = directory.file("final.mp4")
        var frames = Self.frames
        frames[2] += 1
        await #expect(throws: MediaError.self) {
            try await TrackMuxer(format: smallHouse).mux(segments: parts, frames: frames, tracks: ExtraTracks(), to: final)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).allSatisfy { !$0.contains("final") })
    }
}

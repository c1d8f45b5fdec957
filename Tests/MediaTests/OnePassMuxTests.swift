import Foundation
import Media
import Testing
import TestSupport

/// `TrackMuxer.mux(segments:…)` joins and lays the tracks in one pass: its video must be the
/// bytes that joining to a file (`Joiner`) and muxing that file's video gave.
@Suite("TrackMuxer in one pass")
struct OnePassMuxTests {
    static let frames = Array(AACChunkTests.segmentFrames.prefix(6))

    static func segments(in directory: Scratch) throws -> [URL] {
        let colors = ["red", "green", "blue", "yellow", "white"]
        return try frames.enumerated().map { index, count in
            let url = directory.file("segment-\(index).mp4")
            try FilterGraphRenderer(format: smallHouse).render(
                graph: titleCardGraph(smallHouse, color: colors[index % colors.count]), frames: count,
                filterOptions: ["title": FilterGraphRenderer.literalText("Shot \(index + 1)")], to: url)
            return url
        }
    }

    static let tracks = ExtraTracks(
        subtitles: [
            SubtitleCue(startFrame: 0, endFrame: 30, text: "First line"),
            SubtitleCue(startFrame: 40, endFrame: 140, text: "A cue across a cut"),
            SubtitleCue(startFrame: 200, endFrame: 290, text: "Last one"),
        ],
        subtitleLanguage: "eng", timecode: try! Timecode("01:00:00:00"),
        chapters: [Chapter(title: "One", startFrame: 0), Chapter(title: "Two", startFrame: 90)])

    @Test(arguments: [false, true])
    func theSameBytesAsJoiningToAFileThenMuxingIt(withAudio: Bool) async throws {
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
        let joined = directory.file("joined.mp4"), twoPasses = directory.file("two.mp4"), onePass = directory.file("one.mp4")
        try await Joiner().join(parts, to: joined)
        try await TrackMuxer(format: smallHouse).mux(video: joined, tracks: Self.tracks, audio: audio, to: twoPasses)
        try await TrackMuxer(format: smallHouse).mux(
            segments: parts, frames: Self.frames, tracks: Self.tracks, audio: audio, to: onePass)
        let expected = try Data(contentsOf: twoPasses), found = try Data(contentsOf: onePass)
        #expect(expected.count > 10_000)
        #expect(found == expected, "\(found.count) bytes against \(expected.count)")
    }

    @Test func theBitRateIsTheOneTheDemuxerReadsFromAJoinedFile() async throws {
        // Muxing a joined file's video, the muxer wrote the video's bit rate as the MP4
        // demuxer read it back from that file (size × 8 × timescale / duration, rounded down)
        // as the `btrt` box's maximum; one pass must write the same. Rounding differs only
        // when the quotient's fraction is a half or more: find such a join by lengthening
        // the last segment a frame at a time, then compare with ffprobe's reading of it.
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
            let joined = directory.file("joined-\(attempt).mp4")
            try await Joiner().join(parts, to: joined)
            let json = try await ffprobe(
                ["-select_streams", "v", "-show_entries", "packet=size:stream=duration_ts,time_base,bit_rate"], joined,
                in: directory)
            let sizes = try #require(json["packets"] as? [[String: Any]]).compactMap { ($0["size"] as? String).flatMap(Int.init) }
            let stream = try #require((json["streams"] as? [[String: Any]])?.first)
            let duration = try #require(stream["duration_ts"] as? Int)
            let timescale = try #require((stream["time_base"] as? String)?.split(separator: "/").last.flatMap { Int($0) })
            guard (sizes.reduce(0, +) * 8 * timescale) % duration * 2 >= duration else { continue }
            let demuxed = try #require((stream["bit_rate"] as? String).flatMap(Int.init))
            let onePass = directory.file("one.mp4")
            try await TrackMuxer(format: smallHouse).mux(segments: parts, frames: frames, tracks: Self.tracks, to: onePass)
            // The video's box comes first: size, type `btrt`, buffer size, maximum, average.
            let bytes = try Data(contentsOf: onePass)
            let box = try #require(bytes.range(of: Data("btrt".utf8)))
            let maximum = bytes[(box.upperBound + 4)..<(box.upperBound + 8)].reduce(0) { $0 << 8 | Int($1) }
            #expect(maximum == demuxed, "last segment of \(frames[last]) frames")
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

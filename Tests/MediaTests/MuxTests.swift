import Foundation
import Media
import Testing
import TestSupport

@Suite("TrackMuxer")
struct MuxTests {
    @Test("adds a mov_text subtitle track, a timecode track and chapters that ffprobe reads back")
    func tracks() async throws {
        let directory = try Scratch()
        let video = directory.file("video.mp4")
        try await FilterGraphRenderer(format: smallHouse).render(graph: titleCardGraph(smallHouse), frames: 72, to: video)
        let final = directory.file("final.mp4")
        let tracks = ExtraTracks(
            subtitles: [
                SubtitleCue(startFrame: 0, endFrame: 24, text: "Hello, world: it's 100% {\\b1} \\N"),
                SubtitleCue(startFrame: 36, endFrame: 60, text: "Line one\nLine two – ünïcode"),
            ],
            subtitleLanguage: "eng",
            timecode: try Timecode("01:00:00:00"),
            chapters: [Chapter(title: "Opening", startFrame: 0), Chapter(title: "Scene 2: the kitchen", startFrame: 36)])
        try await TrackMuxer(format: smallHouse).mux(segments: [video], frames: [72], tracks: tracks, to: final)

        let json = try await ffprobe(["-show_streams", "-show_chapters"], final, in: directory)
        let streams = try #require(json["streams"] as? [[String: Any]])
        let videoStream = try #require(streams.first { $0["codec_type"] as? String == "video" })
        #expect(videoStream["codec_name"] as? String == "h264")
        #expect((videoStream["tags"] as? [String: Any])?["timecode"] as? String == "01:00:00:00")
        let subtitle = try #require(streams.first { $0["codec_type"] as? String == "subtitle" })
        #expect(subtitle["codec_name"] as? String == "mov_text")
        #expect((subtitle["tags"] as? [String: Any])?["language"] as? String == "eng")
        // Not shown unless asked for: the storyboard cards already draw the dialogue.
        #expect((subtitle["disposition"] as? [String: Any])?["default"] as? Int == 0)
        #expect((videoStream["disposition"] as? [String: Any])?["default"] as? Int == 1)
        let timecodeTrack = try #require(streams.first { $0["codec_tag_string"] as? String == "tmcd" })
        #expect(timecodeTrack["codec_type"] as? String == "data")
        #expect((timecodeTrack["tags"] as? [String: Any])?["timecode"] as? String == "01:00:00:00")

        let chapters = try #require(json["chapters"] as? [[String: Any]])
        #expect(chapters.count == 2)
        #expect(chapters.compactMap { ($0["tags"] as? [String: Any])?["title"] as? String }
            == ["Opening", "Scene 2: the kitchen"])
        #expect(chapters.compactMap { ($0["start_time"] as? String).flatMap(Double.init) } == [0, 1.5])
        #expect(chapters.compactMap { ($0["end_time"] as? String).flatMap(Double.init) } == [1.5, 3])

        // The cues, as ffmpeg reads them back, timed to the frame.
        let srt = try await run(
            "ffmpeg", ["-v", "error", "-nostdin", "-i", final.path, "-map", "0:s:0", "-f", "srt", "-"], in: directory)
        #expect(srt.status == 0)
        #expect(srt.stdout.contains("00:00:00,000 --> 00:00:01,000\n"))
        #expect(srt.stdout.contains("00:00:01,500 --> 00:00:02,500\n"))
        // The samples hold the text verbatim (readers, not the file, interpret `{\b1}`).
        let samples = directory.file("samples.bin")
        try await makeInput(["-i", final.path, "-map", "0:s:0", "-c", "copy", "-f", "data", samples.path], in: directory)
        let bytes = try Data(contentsOf: samples)
        for cue in tracks.subtitles {
            let text = Data(cue.text.utf8)
            let sample = Data([UInt8(text.count >> 8), UInt8(text.count & 0xff)]) + text
            #expect(bytes.range(of: sample) != nil, "sample for \(cue.text)")
        }

        // Our own probe sees the same, and the video is untouched.
        let info = try Probe.info(final)
        #expect(info.chapters.map(\.title) == ["Opening", "Scene 2: the kitchen"])
        #expect(info.chapters.map(\.startSeconds) == [0, 1.5])
        #expect(info.streams.contains { $0.kind == .subtitle && $0.codecName == "mov_text" })
        #expect(info.video?.metadata["timecode"] == "01:00:00:00")
        #expect(try Probe.packetCount(final) == 72)
        #expect(try await decodeErrors(final, in: directory) == "")
    }

    @Test("drop-frame timecode at 30000/1001")
    func dropFrame() async throws {
        let directory = try Scratch()
        let format = HouseFormat(width: 160, height: 90, frameRate: Rational(30000, 1001))
        let video = directory.file("video.mp4")
        try await FilterGraphRenderer(format: format).render(graph: titleCardGraph(format), frames: 30, to: video)
        let final = directory.file("final.mp4")
        try await TrackMuxer(format: format).mux(
            segments: [video], frames: [30], tracks: ExtraTracks(timecode: try Timecode("01:00:00;00")), to: final)
        let json = try await ffprobe(["-show_streams"], final, in: directory)
        let streams = try #require(json["streams"] as? [[String: Any]])
        let timecodeTrack = try #require(streams.first { $0["codec_tag_string"] as? String == "tmcd" })
        #expect((timecodeTrack["tags"] as? [String: Any])?["timecode"] as? String == "01:00:00;00")
    }

    @Test("a timecode that does not fit the rate is refused before anything is written")
    func badTimecode() throws {
        let directory = try Scratch()
        let video = directory.file("video.mp4")
        try FilterGraphRenderer(format: smallHouse).render(graph: titleCardGraph(smallHouse), frames: 6, to: video)
        let final = directory.file("final.mp4")
        // Drop-frame counting exists only at 30000/1001 and 60000/1001.
        let error = try #require(throws: MediaError.self) {
            try TrackMuxer(format: smallHouse).mux(
                segments: [video], frames: [6], tracks: ExtraTracks(timecode: try Timecode("01:00:00;00")), to: final)
        }
        guard case let .ffmpeg(call, _, _, _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(call.hasPrefix("av_timecode_init_from_string"))
        #expect(try directory.contents() == ["video.mp4"])
    }

    @Test("overlapping cues and unordered chapters are refused")
    func badTracks() throws {
        let directory = try Scratch()
        let video = directory.file("video.mp4")
        try FilterGraphRenderer(format: smallHouse).render(graph: titleCardGraph(smallHouse), frames: 24, to: video)
        let muxer = TrackMuxer(format: smallHouse)
        let final = directory.file("final.mp4")
        let overlapping = ExtraTracks(subtitles: [
            SubtitleCue(startFrame: 0, endFrame: 10, text: "a"), SubtitleCue(startFrame: 5, endFrame: 12, text: "b"),
        ])
        let unordered = ExtraTracks(chapters: [Chapter(title: "b", startFrame: 10), Chapter(title: "a", startFrame: 0)])
        let pastEnd = ExtraTracks(chapters: [Chapter(title: "late", startFrame: 24)])
        for tracks in [overlapping, unordered, pastEnd] {
            #expect(throws: MediaError.self) { try muxer.mux(segments: [video], frames: [24], tracks: tracks, to: final) }
        }
        #expect(try directory.contents() == ["video.mp4"])
    }

    @Test("timecodes parse and print", arguments: [
        ("01:00:00:00", false), ("00:59:59;29", true), ("10:20:30:12", false),
    ])
    func timecodeText(text: String, drop: Bool) throws {
        let timecode = try Timecode(text)
        #expect(timecode.dropFrame == drop)
        #expect(timecode.description == text)
    }

    @Test("malformed timecodes are refused", arguments: ["", "1:00:00", "01:00:00:xx", "01:61:00:00", "01:00:00:00:00"])
    func malformedTimecode(text: String) {
        #expect(throws: MediaError.self) { try Timecode(text) }
    }
}

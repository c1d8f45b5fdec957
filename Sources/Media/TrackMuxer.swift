import CFFmpeg
import CFFmpegShims
import Foundation

/// Makes the final MP4: the video streams of house-format segments joined end to end
/// (`JoinedSegments`) and copied as they are, plus a `mov_text`
/// subtitle track (not shown by default: `MP4TrackEnabling`), a `tmcd` timecode track and
/// chapters, all timed in frames.
///
/// The synchronous methods block the calling thread and check `Task.isCancelled` between
/// packets; the `async` ones run the same work on a thread of their own (keeping Swift's
/// cooperative threads free) and stop when the awaiting task is cancelled.
public struct TrackMuxer: Sendable {
    /// The format of the video this muxer takes (its frame rate times the cues).
    public var format: HouseFormat

    /// A muxer for videos in `format`.
    public init(format: HouseFormat) {
        self.format = format
    }

    /// `mux(segments:frames:tracks:audio:to:)` on a thread of its own; cancelling the
    /// awaiting task stops it and removes the temporary file.
    public func mux(
        segments: [URL], frames: [Int], tracks: ExtraTracks, audio: AudioTrack? = nil, to destination: URL
    ) async throws {
        try await runOnOwnThread {
            try self.mux(segments: segments, frames: frames, tracks: tracks, audio: audio, to: destination)
        }
    }

    /// Joins the video streams of `segments` (house-format clips, `frames[i]` frames in
    /// segment i, each starting where the one before ended) and writes them with `tracks`
    /// (and `audio`, AAC 48 kHz stereo as long as its mix, joined from its chunks' packets,
    /// encoding the chunks not yet kept) to `destination`, atomically, in one pass.
    /// - Throws: `MediaError` (also when the segments' frame rate is not the house rate, the
    ///   timecode does not fit it, a segment does not join (`JoinedSegments`) or does not
    ///   hold its frames), or `CancellationError`; no file is left behind.
    public func mux(segments: [URL], frames: [Int], tracks: ExtraTracks, audio: AudioTrack? = nil, to destination: URL) throws {
        try format.validate()
        beginOperation()
        let joined = try JoinedSegments(segments)
        let input = joined.first
        let source = input.stream(joined.selected)
        guard Rational(source.pointee.avg_frame_rate).isEquivalent(to: format.frameRate) else {
            throw MediaError.invalidArgument(
                "\(input.path) runs at \(Rational(source.pointee.avg_frame_rate)) fps, "
                    + "the house rate is \(format.frameRate)")
        }
        let frameCount = frames.reduce(0, +)
        try tracks.validate(frameCount: frameCount)
        if let timecode = tracks.timecode {
            var parsed = AVTimecode()
            try check(
                av_timecode_init_from_string(&parsed, format.frameRate.avRational, timecode.description, nil),
                "av_timecode_init_from_string(\(timecode) at \(format.frameRate) fps)")
        }

        try audio?.encodeMissingChunks()
        try writeAtomically(to: destination) { path in
            let output = try OutputFile(path: path)
            let videoOut = try output.addStream()
            try check(avcodec_parameters_copy(videoOut.pointee.codecpar, source.pointee.codecpar), "avcodec_parameters_copy")
            videoOut.pointee.codecpar.pointee.codec_tag = 0
            videoOut.pointee.time_base = source.pointee.time_base
            videoOut.pointee.avg_frame_rate = format.frameRate.avRational
            if let timecode = tracks.timecode {
                try check(av_dict_set(&videoOut.pointee.metadata, "timecode", timecode.description, 0), "av_dict_set")
            }
            var subtitleOut: UnsafeMutablePointer<AVStream>?
            if !tracks.subtitles.isEmpty {
                let stream = try output.addStream()
                try Self.setMovTextParameters(of: stream, timeBase: format.frameDuration.avRational)
                try check(
                    av_dict_set(&stream.pointee.metadata, "language", tracks.subtitleLanguage, 0), "av_dict_set")
                subtitleOut = stream
            }
            let audioWriter = try audio.map { track throws(MediaError) in try AACTrackWriter(track: track, output: output) }
            try Self.addChapters(tracks.chapters, frameCount: frameCount, rate: format.frameRate, to: output)
            try output.writeHeader()

            let cuePacket = try Packet()
            var cues = tracks.subtitles[...]
            func writeCues(upTo time: Int64?) throws {
                guard let subtitleOut else { return }
                while let cue = cues.first {
                    let start = av_rescale_q(Int64(cue.startFrame), format.frameDuration.avRational, videoOut.pointee.time_base)
                    if let time, start > time { return }
                    try Self.write(cue, to: subtitleOut, frameDuration: format.frameDuration, using: cuePacket, output: output)
                    cues = cues.dropFirst()
                }
            }
            var bytes: Int64 = 0
            let end = try joined.forEachPacket(timeBase: videoOut.pointee.time_base, frames: frames, using: try Packet()) { packet in
                packet.pointer.pointee.stream_index = videoOut.pointee.index
                bytes += Int64(packet.pointer.pointee.size)
                let time = packet.pointer.pointee.dts != CFFmpegNoPTSValue ? packet.pointer.pointee.dts : packet.pointer.pointee.pts
                try writeCues(upTo: time)
                if let audioWriter {
                    // Audio up to a second past this frame: the muxer interleaves what is ahead.
                    let sample = av_rescale_q(time, videoOut.pointee.time_base, AVRational(num: 1, den: Int32(MonoAudio.sampleRate)))
                    try audioWriter.write(upTo: Int(sample) + MonoAudio.sampleRate, to: output)
                }
                try output.write(packet)
            }
            try writeCues(upTo: nil)
            try audioWriter?.finish(to: output)
            // The bit rate the MP4 demuxer gives a joined file's video (its size over its
            // duration, rounded down as libavformat 5.1's mov demuxer divides), which the
            // muxer writes as the maximum in the track's `btrt` box: so the box is the one
            // muxing a joined file gave (the first segment's own rate would be another).
            // (A libavformat that rounded otherwise would make the box differ by one from a
            // two-pass video's, no more.)
            let timeBase = videoOut.pointee.time_base
            if end > 0 {
                videoOut.pointee.codecpar.pointee.bit_rate = av_rescale_rnd(
                    bytes, Int64(timeBase.den) * 8, end * Int64(timeBase.num), AV_ROUND_DOWN)
            }
            try output.finish()
            if subtitleOut != nil { try MP4TrackEnabling.disableSubtitles(at: path) }
        }
    }

    /// Gives `stream` the parameters of FFmpeg's `mov_text` encoder (its `tx3g` sample
    /// description as extradata).
    private static func setMovTextParameters(of stream: UnsafeMutablePointer<AVStream>, timeBase: AVRational)
        throws(MediaError)
    {
        let encoder = try require(
            avcodec_find_encoder(AV_CODEC_ID_MOV_TEXT), "avcodec_find_encoder(mov_text)",
            code: CFFmpegErrorEncoderNotFound)
        var context = avcodec_alloc_context3(encoder)
        defer { avcodec_free_context(&context) }
        let codec = try require(context, "avcodec_alloc_context3")
        codec.pointee.time_base = timeBase
        let header = Array(assHeader.utf8)
        let buffer = try require(av_mallocz(header.count + 1), "av_mallocz").assumingMemoryBound(to: UInt8.self)
        buffer.update(from: header, count: header.count)
        // avcodec_free_context frees the header.
        codec.pointee.subtitle_header = buffer
        codec.pointee.subtitle_header_size = Int32(header.count)
        try check(avcodec_open2(codec, encoder, nil), "avcodec_open2(mov_text)")
        try check(avcodec_parameters_from_context(stream.pointee.codecpar, codec), "avcodec_parameters_from_context")
        stream.pointee.time_base = timeBase
    }

    /// The ASS header the `mov_text` encoder derives its sample description from: white
    /// text, centred at the bottom.
    private static let assHeader = """
        [Script Info]
        ScriptType: v4.00+
        PlayResX: 384
        PlayResY: 288

        [V4+ Styles]
        Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, \
        Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, \
        Alignment, MarginL, MarginR, MarginV, Encoding
        Style: Default,Serif,18,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,1

        [Events]
        Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text

        """

    /// Writes `cue` as one `mov_text` sample: its UTF-8 text after a 16-bit big-endian length.
    private static func write(
        _ cue: SubtitleCue, to stream: UnsafeMutablePointer<AVStream>, frameDuration: Rational, using packet: Packet,
        output: OutputFile
    ) throws {
        let text = Array(cue.text.utf8)
        try check(av_new_packet(packet.pointer, Int32(2 + text.count)), "av_new_packet")
        let data = packet.pointer.pointee.data!
        data[0] = UInt8(text.count >> 8)
        data[1] = UInt8(text.count & 0xff)
        (data + 2).update(from: text, count: text.count)
        packet.pointer.pointee.stream_index = stream.pointee.index
        packet.pointer.pointee.pts = Int64(cue.startFrame)
        packet.pointer.pointee.dts = Int64(cue.startFrame)
        packet.pointer.pointee.duration = Int64(cue.endFrame - cue.startFrame)
        packet.pointer.pointee.flags |= AV_PKT_FLAG_KEY
        av_packet_rescale_ts(packet.pointer, frameDuration.avRational, stream.pointee.time_base)
        try output.write(packet)
    }

    /// Adds `chapters` to the output; each ends where the next starts, the last at the end.
    private static func addChapters(_ chapters: [Chapter], frameCount: Int, rate: Rational, to output: OutputFile)
        throws(MediaError)
    {
        guard !chapters.isEmpty else { return }
        let context = output.context
        let slots = try require(
            av_mallocz(MemoryLayout<UnsafeMutablePointer<AVChapter>?>.stride * chapters.count), "av_mallocz")
        // avformat_free_context frees the array and the first nb_chapters chapters.
        context.pointee.chapters = slots.bindMemory(to: UnsafeMutablePointer<AVChapter>?.self, capacity: chapters.count)
        for (index, chapter) in chapters.enumerated() {
            let memory = try require(av_mallocz(MemoryLayout<AVChapter>.stride), "av_mallocz")
            let entry = memory.bindMemory(to: AVChapter.self, capacity: 1)
            context.pointee.chapters[index] = entry
            context.pointee.nb_chapters += 1
            entry.pointee.id = Int64(index + 1)
            entry.pointee.time_base = rate.reciprocal.avRational
            entry.pointee.start = Int64(chapter.startFrame)
            entry.pointee.end = Int64(index + 1 < chapters.count ? chapters[index + 1].startFrame : frameCount)
            try check(av_dict_set(&entry.pointee.metadata, "title", chapter.title, 0), "av_dict_set")
        }
    }
}

import CFFmpeg
import CFFmpegShims

/// Encodes frames with the house encoder into a new MP4 file, numbering them 0, 1, 2…
/// at the house rate, so the file's timestamps depend only on the frame count.
///
/// A held picture (`keepingPackets`) is encoded for one keyframe interval at most and
/// `finish(repeatingTo:)` writes that interval's packets again for the rest: the interval
/// starts with an IDR frame and nothing after it refers back past it, so each copy decodes
/// to the same pictures, and x264 does a keyframe interval's work instead of a whole clip's.
final class HouseEncoder {
    private let format: HouseFormat
    private let output: OutputFile
    private let codec: UnsafeMutablePointer<AVCodecContext>
    private let stream: UnsafeMutablePointer<AVStream>
    private let packet: Packet
    private let pixelFormat: AVPixelFormat
    /// Frames sent to the encoder so far.
    private(set) var framesEncoded = 0
    /// Every packet written, in the codec's time base, when they are to be repeated.
    private var kept: [Packet]?

    /// An encoder writing `path`; with `keepingPackets`, one whose packets
    /// `finish(repeatingTo:)` can write again.
    init(path: String, format: HouseFormat, keepingPackets: Bool = false) throws(MediaError) {
        try format.validate()
        self.format = format
        kept = keepingPackets ? [] : nil
        packet = try Packet()
        output = try OutputFile(path: path)
        pixelFormat = av_get_pix_fmt(HouseFormat.pixelFormatName)
        let encoder = try require(
            avcodec_find_encoder_by_name(HouseFormat.encoderName),
            "avcodec_find_encoder_by_name(\(HouseFormat.encoderName))", code: CFFmpegErrorEncoderNotFound)
        stream = try output.addStream()
        // The last stored property: from here on, a throw runs deinit, which frees it.
        codec = try require(avcodec_alloc_context3(encoder), "avcodec_alloc_context3")

        codec.pointee.width = Int32(format.width)
        codec.pointee.height = Int32(format.height)
        codec.pointee.pix_fmt = pixelFormat
        codec.pointee.sample_aspect_ratio = AVRational(num: 1, den: 1)
        codec.pointee.time_base = format.frameDuration.avRational
        codec.pointee.framerate = format.frameRate.avRational
        codec.pointee.gop_size = Int32(format.keyframeInterval)
        codec.pointee.keyint_min = Int32(format.keyframeInterval)
        codec.pointee.max_b_frames = 0
        codec.pointee.thread_count = Int32(HouseFormat.encoderThreads)
        codec.pointee.flags |= AV_CODEC_FLAG_BITEXACT
        if output.needsGlobalHeader {
            codec.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER
        }
        for (name, value) in [
            ("preset", HouseFormat.preset), ("crf", "\(HouseFormat.crf)"), ("sc_threshold", "0"),
            ("rc-lookahead", "\(HouseFormat.lookahead)"),
        ] {
            try check(av_opt_set(codec.pointee.priv_data, name, value, 0), "av_opt_set(\(name)=\(value))")
        }
        try check(avcodec_open2(codec, encoder, nil), "avcodec_open2(\(HouseFormat.encoderName))")
        try check(avcodec_parameters_from_context(stream.pointee.codecpar, codec), "avcodec_parameters_from_context")
        stream.pointee.time_base = codec.pointee.time_base
        stream.pointee.avg_frame_rate = format.frameRate.avRational
        try output.writeHeader()
    }

    deinit {
        var context: UnsafeMutablePointer<AVCodecContext>? = codec
        avcodec_free_context(&context)
    }

    /// Encodes `frame` as the next frame. Its size and pixel format must be the house's;
    /// its timestamp and picture type are replaced (the encoder alone places keyframes).
    func encode(_ frame: Frame) throws(MediaError) {
        let pointer = frame.pointer
        guard pointer.pointee.width == format.width, pointer.pointee.height == format.height,
            pointer.pointee.format == pixelFormat.rawValue
        else {
            let name = av_get_pix_fmt_name(AVPixelFormat(pointer.pointee.format)).map { String(cString: $0) } ?? "?"
            throw .invalidArgument(
                "frame is \(pointer.pointee.width)x\(pointer.pointee.height) \(name), "
                    + "the house format is \(format.width)x\(format.height) \(HouseFormat.pixelFormatName)")
        }
        pointer.pointee.pts = Int64(framesEncoded)
        pointer.pointee.pict_type = AV_PICTURE_TYPE_NONE
        try check(avcodec_send_frame(codec, pointer), "avcodec_send_frame")
        framesEncoded += 1
        try writePackets()
    }

    /// Flushes the encoder, writes the trailer and closes the file.
    func finish() throws(MediaError) {
        try finish(repeatingTo: framesEncoded)
    }

    /// Flushes the encoder, writes its packets again, one keyframe interval after another,
    /// until the file holds `count` frames (the last copy cut short as needed), then writes
    /// the trailer and closes the file. Repeating needs an encoder keeping its packets that
    /// was sent one keyframe interval of one picture, and gives that picture held for
    /// `count` frames.
    func finish(repeatingTo count: Int) throws(MediaError) {
        try check(avcodec_send_frame(codec, nil), "avcodec_send_frame")
        try writePackets()
        if count > framesEncoded {
            guard let kept, framesEncoded == format.keyframeInterval, kept.count == framesEncoded,
                kept[0].pointer.pointee.flags & AV_PKT_FLAG_KEY != 0
            else {
                throw .invalidArgument(
                    "only a whole keyframe interval starting with a keyframe can be repeated "
                        + "(\(framesEncoded) frames encoded, \(kept?.count ?? 0) packets kept)")
            }
            for index in framesEncoded..<count {
                let copy = try Packet()
                try check(av_packet_ref(copy.pointer, kept[index % framesEncoded].pointer), "av_packet_ref")
                let shift = Int64(index - index % framesEncoded)
                copy.pointer.pointee.pts += shift
                copy.pointer.pointee.dts += shift
                try write(copy)
            }
        }
        try output.finish()
    }

    private func writePackets() throws(MediaError) {
        while true {
            let status = avcodec_receive_packet(codec, packet.pointer)
            if status == CFFmpegErrorAgain || status == CFFmpegErrorEOF { return }
            try check(status, "avcodec_receive_packet")
            if packet.pointer.pointee.duration == 0 {
                packet.pointer.pointee.duration = 1
            }
            if kept != nil {
                let copy = try Packet()
                try check(av_packet_ref(copy.pointer, packet.pointer), "av_packet_ref")
                kept?.append(copy)
            }
            try write(packet)
        }
    }

    /// Writes `packet`, its timestamps in the codec's time base, to the stream.
    private func write(_ packet: Packet) throws(MediaError) {
        packet.pointer.pointee.stream_index = stream.pointee.index
        av_packet_rescale_ts(packet.pointer, codec.pointee.time_base, stream.pointee.time_base)
        try output.write(packet)
    }
}

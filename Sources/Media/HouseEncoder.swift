import CFFmpeg
import CFFmpegShims

/// Encodes frames with the house encoder into a new MP4 file, numbering them 0, 1, 2…
/// at the house rate, so the file's timestamps depend only on the frame count.
final class HouseEncoder {
    private let format: HouseFormat
    private let output: OutputFile
    private let codec: UnsafeMutablePointer<AVCodecContext>
    private let stream: UnsafeMutablePointer<AVStream>
    private let packet: Packet
    private let pixelFormat: AVPixelFormat
    /// Frames sent to the encoder so far.
    private(set) var framesEncoded = 0

    init(path: String, format: HouseFormat) throws(MediaError) {
        try format.validate()
        self.format = format
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
        try check(avcodec_send_frame(codec, nil), "avcodec_send_frame")
        try writePackets()
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
            packet.pointer.pointee.stream_index = stream.pointee.index
            av_packet_rescale_ts(packet.pointer, codec.pointee.time_base, stream.pointee.time_base)
            try output.write(packet)
        }
    }
}

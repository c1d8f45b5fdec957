import CFFmpeg
import CFFmpegShims

/// Owns a decoder (`AVCodecContext`) for one stream of an input.
final class VideoDecoder {
    let codec: UnsafeMutablePointer<AVCodecContext>

    /// A decoder for `streamIndex` of `input` with `threads` decoding threads (0: as
    /// many as FFmpeg sees fit, one frame thread per core and their frame pools).
    init(input: InputFile, streamIndex: Int, threads: Int32 = 0) throws(MediaError) {
        let parameters = input.stream(streamIndex).pointee.codecpar!
        let decoder = try require(
            avcodec_find_decoder(parameters.pointee.codec_id),
            "avcodec_find_decoder(\(String(cString: avcodec_get_name(parameters.pointee.codec_id))))",
            code: CFFmpegErrorDecoderNotFound)
        codec = try require(avcodec_alloc_context3(decoder), "avcodec_alloc_context3")
        try check(avcodec_parameters_to_context(codec, parameters), "avcodec_parameters_to_context")
        codec.pointee.pkt_timebase = input.stream(streamIndex).pointee.time_base
        codec.pointee.thread_count = threads
        try check(avcodec_open2(codec, decoder, nil), "avcodec_open2(\(String(cString: decoder.pointee.name)))")
    }

    deinit {
        var context: UnsafeMutablePointer<AVCodecContext>? = codec
        avcodec_free_context(&context)
    }

    /// Sends a packet to decode; `nil` starts draining.
    func send(_ packet: Packet?) throws(MediaError) {
        try check(avcodec_send_packet(codec, packet?.pointer), "avcodec_send_packet")
    }

    /// Reads `input`'s next packet and sends it when it is of stream `streamIndex`; at the
    /// end of the input, flushes the decoder once and sets `inputEnded`. (Every decode loop
    /// does this before it drains frames.)
    func feed(from input: InputFile, stream streamIndex: Int, using packet: Packet, inputEnded: inout Bool)
        throws(MediaError)
    {
        guard !inputEnded else { return }
        if try input.read(into: packet) {
            if packet.pointer.pointee.stream_index == streamIndex { try send(packet) }
            packet.unref()
        } else {
            inputEnded = true
            try send(nil)
        }
    }

    /// Receives the next decoded frame into `frame`, its `pts` set to the best-effort timestamp.
    func receive(into frame: Frame) throws(MediaError) -> Pull {
        let status = avcodec_receive_frame(codec, frame.pointer)
        if status == CFFmpegErrorAgain { return .needsInput }
        if status == CFFmpegErrorEOF { return .ended }
        try check(status, "avcodec_receive_frame")
        frame.pointer.pointee.pts = frame.pointer.pointee.best_effort_timestamp
        return .frame
    }
}

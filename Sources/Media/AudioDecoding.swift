import CFFmpeg
import CFFmpegShims

extension MonoAudio {
    /// The first audio stream of the file at `path` — any format FFmpeg reads — decoded,
    /// mixed down to mono and resampled to 48 kHz.
    /// - Throws: `MediaError` when the file cannot be opened or has no audio stream.
    public static func decoding(_ path: String) throws(MediaError) -> MonoAudio {
        beginOperation()
        let input = try InputFile(path: path)
        let index = av_find_best_stream(input.context, AVMEDIA_TYPE_AUDIO, -1, -1, nil, 0)
        if index == CFFmpegErrorStreamNotFound { throw .invalidArgument("\(path): no audio stream") }
        let streamIndex = Int(try check(index, "av_find_best_stream(\(path))"))
        input.discardAllStreams(except: streamIndex)
        let parameters = input.stream(streamIndex).pointee.codecpar!
        let decoder = try require(
            avcodec_find_decoder(parameters.pointee.codec_id), "avcodec_find_decoder(\(path))",
            code: CFFmpegErrorDecoderNotFound)
        var context = avcodec_alloc_context3(decoder)
        defer { avcodec_free_context(&context) }
        let codec = try require(context, "avcodec_alloc_context3")
        try check(avcodec_parameters_to_context(codec, parameters), "avcodec_parameters_to_context")
        try check(avcodec_open2(codec, decoder, nil), "avcodec_open2(\(path))")

        var resampler: AudioResampler?
        var output: [Float] = []
        let packet = try Packet()
        let frame = try Frame()
        func drain() throws(MediaError) {
            while true {
                let status = avcodec_receive_frame(codec, frame.pointer)
                if status == CFFmpegErrorAgain || status == CFFmpegErrorEOF { return }
                try check(status, "avcodec_receive_frame(\(path))")
                defer { frame.unref() }
                let current = frame.pointer
                if resampler == nil {
                    resampler = try AudioResampler(
                        layout: &current.pointee.ch_layout, format: AVSampleFormat(current.pointee.format),
                        rate: Int(current.pointee.sample_rate))
                }
                let planes = UnsafeMutableRawPointer(current.pointee.extended_data)
                    .assumingMemoryBound(to: UnsafePointer<UInt8>?.self)
                try resampler!.convert(planes, count: Int(current.pointee.nb_samples), into: &output)
            }
        }
        while try input.read(into: packet) {
            defer { packet.unref() }
            guard packet.pointer.pointee.stream_index == Int32(streamIndex) else { continue }
            try check(avcodec_send_packet(codec, packet.pointer), "avcodec_send_packet(\(path))")
            try drain()
        }
        try check(avcodec_send_packet(codec, nil), "avcodec_send_packet(\(path))")
        try drain()
        try resampler?.flush(into: &output)
        return MonoAudio(samples: output)
    }
}

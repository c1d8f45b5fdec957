import CFFmpeg
import CFFmpegShims
import Foundation

/// FFmpeg's AAC-LC encoder as the house uses it: 48 kHz stereo, 160 kb/s, bit-exact, with
/// its fast quantiser rather than the default two-loop search (about a third less CPU and
/// nothing a scratch dialogue track can use: bench/README.md, "Sound").
enum AACEncoder {
    static let bitRate: Int64 = 160_000

    /// What decides the packets besides the samples, for the chunks' keys.
    static let description = "aac-lc 48000 2ch \(bitRate) fast bitexact lavc \(avcodec_version())"

    /// An open encoder context; the caller frees it.
    private static func open(globalHeader: Bool) throws(MediaError) -> UnsafeMutablePointer<AVCodecContext> {
        let encoder = try require(
            avcodec_find_encoder(AV_CODEC_ID_AAC), "avcodec_find_encoder(aac)", code: CFFmpegErrorEncoderNotFound)
        var context = avcodec_alloc_context3(encoder)
        let codec = try require(context, "avcodec_alloc_context3")
        do {
            codec.pointee.sample_fmt = AV_SAMPLE_FMT_FLTP
            codec.pointee.sample_rate = Int32(MonoAudio.sampleRate)
            av_channel_layout_default(&codec.pointee.ch_layout, 2)
            codec.pointee.bit_rate = bitRate
            codec.pointee.time_base = AVRational(num: 1, den: Int32(MonoAudio.sampleRate))
            codec.pointee.flags |= AV_CODEC_FLAG_BITEXACT
            if globalHeader { codec.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
            try check(av_opt_set(codec.pointee.priv_data, "aac_coder", "fast", 0), "av_opt_set(aac_coder=fast)")
            try check(avcodec_open2(codec, encoder, nil), "avcodec_open2(aac)")
        } catch {
            avcodec_free_context(&context)
            throw error
        }
        return codec
    }

    /// Gives `stream` the encoder's parameters (its AudioSpecificConfig, and the priming the
    /// MP4's edit list skips), for packets encoded by `encode`.
    static func describe(_ stream: UnsafeMutablePointer<AVStream>, globalHeader: Bool) throws(MediaError) {
        var context: UnsafeMutablePointer<AVCodecContext>? = try open(globalHeader: globalHeader)
        defer { avcodec_free_context(&context) }
        try check(avcodec_parameters_from_context(stream.pointee.codecpar, context), "avcodec_parameters_from_context")
        stream.pointee.time_base = AVRational(num: 1, den: Int32(MonoAudio.sampleRate))
    }

    /// Encodes `window` of `mix` (with `gain` dB, clipped to full scale, silent outside the
    /// film) and returns its packets from the third on: the first is the encoder's priming
    /// and the second overlaps only pre-roll, so the third is the one whose overlap ends the
    /// second frame and begins the third (`AACChunkPlan`).
    static func encode(_ mix: AudioMix, window: Range<Int>, gain: Double) throws -> [Data] {
        var context: UnsafeMutablePointer<AVCodecContext>? = try open(globalHeader: false)
        defer { avcodec_free_context(&context) }
        let codec = context!
        let frame = try Frame()
        let packet = try Packet()
        let size = Int(codec.pointee.frame_size)
        let factor = Float(amplitude(decibels: gain))
        let reader = AudioMix.Reader(mix: mix)
        var packets: [Data] = []
        func receive() throws {
            while true {
                let status = avcodec_receive_packet(codec, packet.pointer)
                if status == CFFmpegErrorAgain || status == CFFmpegErrorEOF { return }
                try check(status, "avcodec_receive_packet(aac)")
                packets.append(Data(bytes: packet.pointer.pointee.data, count: Int(packet.pointer.pointee.size)))
                packet.unref()
            }
        }
        var start = window.lowerBound
        while start < window.upperBound {
            try checkCancellation()
            let stop = min(start + size, window.upperBound)
            var mono = try reader.mono(start..<stop)
            // The film ends at the mix's length: nothing sounds after it.
            if stop > mix.length { for index in max(0, mix.length - start)..<mono.count { mono[index] = 0 } }
            let current = frame.pointer
            current.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
            current.pointee.sample_rate = Int32(MonoAudio.sampleRate)
            av_channel_layout_default(&current.pointee.ch_layout, 2)
            current.pointee.nb_samples = Int32(mono.count)
            current.pointee.pts = Int64(start - window.lowerBound)
            try check(av_frame_get_buffer(current, 0), "av_frame_get_buffer")
            mono.withUnsafeBufferPointer { source in
                for plane in 0..<2 {
                    current.pointee.extended_data[plane]!.withMemoryRebound(to: Float.self, capacity: source.count) { samples in
                        for index in 0..<source.count { samples[index] = max(-1, min(1, source[index] * factor)) }
                    }
                }
            }
            defer { frame.unref() }
            try check(avcodec_send_frame(codec, current), "avcodec_send_frame(aac)")
            try receive()
            start = stop
        }
        try check(avcodec_send_frame(codec, nil), "avcodec_send_frame(aac)")
        try receive()
        return Array(packets.dropFirst(2))
    }
}

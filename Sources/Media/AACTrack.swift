import CFFmpeg
import CFFmpegShims

/// The soundtrack `TrackMuxer` encodes beside the video: a mix and the gain that brings it
/// to its target loudness.
public struct AudioTrack: Sendable {
    /// What to play.
    public var mix: AudioMix
    /// Decibels applied to the whole mix (the loudness normalisation).
    public var gain: Double

    /// `mix` at `gain` dB.
    public init(mix: AudioMix, gain: Double) {
        self.mix = mix
        self.gain = gain
    }
}

/// Encodes an `AudioTrack` as AAC-LC, 48 kHz stereo, into an MP4 being written, a stretch at
/// a time so that its packets interleave with the video's.
final class AACTrackWriter {
    static let bitRate: Int64 = 160_000

    let stream: UnsafeMutablePointer<AVStream>
    private var context: UnsafeMutablePointer<AVCodecContext>?
    private let track: AudioTrack
    private let reader: AudioMix.Reader
    private let factor: Float
    private let frame: Frame
    private let packet: Packet
    /// The next sample of the mix to render, and rendered samples not yet encoded.
    private var rendered = 0
    private var pending: [Float] = []
    private var encoded: Int64 = 0

    /// Adds the stream to `output` (before its header is written) and opens the encoder.
    init(track: AudioTrack, output: OutputFile) throws(MediaError) {
        self.track = track
        reader = AudioMix.Reader(mix: track.mix)
        factor = Float(amplitude(decibels: track.gain))
        frame = try Frame()
        packet = try Packet()
        let encoder = try require(
            avcodec_find_encoder(AV_CODEC_ID_AAC), "avcodec_find_encoder(aac)", code: CFFmpegErrorEncoderNotFound)
        context = avcodec_alloc_context3(encoder)
        let codec = try require(context, "avcodec_alloc_context3")
        codec.pointee.sample_fmt = AV_SAMPLE_FMT_FLTP
        codec.pointee.sample_rate = Int32(MonoAudio.sampleRate)
        av_channel_layout_default(&codec.pointee.ch_layout, 2)
        codec.pointee.bit_rate = Self.bitRate
        codec.pointee.time_base = AVRational(num: 1, den: Int32(MonoAudio.sampleRate))
        codec.pointee.flags |= AV_CODEC_FLAG_BITEXACT
        if output.needsGlobalHeader { codec.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        // The fast quantiser rather than the default two-loop search: about a third less
        // CPU for the whole film's track, and no difference a scratch dialogue track can
        // use (bench/README.md, "Sound").
        try check(av_opt_set(codec.pointee.priv_data, "aac_coder", "fast", 0), "av_opt_set(aac_coder=fast)")
        try check(avcodec_open2(codec, encoder, nil), "avcodec_open2(aac)")
        stream = try output.addStream()
        try check(avcodec_parameters_from_context(stream.pointee.codecpar, codec), "avcodec_parameters_from_context")
        stream.pointee.time_base = codec.pointee.time_base
    }

    deinit { avcodec_free_context(&context) }

    /// Encodes the mix up to sample `end` (or its end) and writes the packets.
    func write(upTo end: Int, to output: OutputFile) throws {
        let codec = context!
        let frameSize = Int(codec.pointee.frame_size)
        let stop = min(end, track.mix.length)
        while rendered < stop {
            let next = min(rendered + MonoAudio.sampleRate, stop)
            pending += try reader.mono(rendered..<next)
            rendered = next
        }
        var sent = 0
        while pending.count - sent >= frameSize {
            try send(pending[sent..<(sent + frameSize)], to: output)
            sent += frameSize
        }
        pending.removeFirst(sent)
    }

    /// Encodes the rest of the mix, drains the encoder and writes the last packets.
    func finish(to output: OutputFile) throws {
        try write(upTo: track.mix.length, to: output)
        if !pending.isEmpty { try send(pending[...], to: output) }
        pending = []
        try check(avcodec_send_frame(context, nil), "avcodec_send_frame(aac)")
        try receive(to: output)
    }

    private func send(_ mono: ArraySlice<Float>, to output: OutputFile) throws {
        let current = frame.pointer
        current.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
        current.pointee.sample_rate = Int32(MonoAudio.sampleRate)
        av_channel_layout_default(&current.pointee.ch_layout, 2)
        current.pointee.nb_samples = Int32(mono.count)
        current.pointee.pts = encoded
        try check(av_frame_get_buffer(current, 0), "av_frame_get_buffer")
        defer { frame.unref() }
        let factor = self.factor
        mono.withUnsafeBufferPointer { source in
            for plane in 0..<2 {
                current.pointee.extended_data[plane]!.withMemoryRebound(to: Float.self, capacity: source.count) { samples in
                    for index in 0..<source.count { samples[index] = max(-1, min(1, source[index] * factor)) }
                }
            }
        }
        encoded += Int64(mono.count)
        try check(avcodec_send_frame(context, current), "avcodec_send_frame(aac)")
        try receive(to: output)
    }

    private func receive(to output: OutputFile) throws {
        while true {
            let status = avcodec_receive_packet(context, packet.pointer)
            if status == CFFmpegErrorAgain || status == CFFmpegErrorEOF { return }
            try check(status, "avcodec_receive_packet(aac)")
            packet.pointer.pointee.stream_index = stream.pointee.index
            av_packet_rescale_ts(packet.pointer, context!.pointee.time_base, stream.pointee.time_base)
            try output.write(packet)
        }
    }
}

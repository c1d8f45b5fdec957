import CFFmpeg

/// libswresample converting one input layout, format and rate to mono float at 48 kHz.
final class AudioResampler {
    private var context: OpaquePointer?
    private let inputRate: Int

    /// A converter from `layout`/`format`/`rate` (mixing every channel down to one).
    init(layout: UnsafeMutablePointer<AVChannelLayout>, format: AVSampleFormat, rate: Int) throws(MediaError) {
        inputRate = rate
        var mono = AVChannelLayout()
        av_channel_layout_default(&mono, 1)
        defer { av_channel_layout_uninit(&mono) }
        try check(
            swr_alloc_set_opts2(
                &context, &mono, AV_SAMPLE_FMT_FLT, Int32(MonoAudio.sampleRate), layout, format, Int32(rate), 0, nil),
            "swr_alloc_set_opts2")
        try check(swr_init(context), "swr_init")
    }

    deinit { swr_free(&context) }

    /// Converts `count` input samples (per channel) at `data` (planes, or one interleaved
    /// buffer) and appends what comes out to `output`.
    func convert(_ data: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, count: Int, into output: inout [Float])
        throws(MediaError)
    {
        let capacity = Int(swr_get_out_samples(context, Int32(count))) + 32
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: capacity))
        let made = try output.withUnsafeMutableBufferPointer { buffer throws(MediaError) -> Int32 in
            var plane: UnsafeMutablePointer<UInt8>? = UnsafeMutableRawPointer(buffer.baseAddress! + start)
                .assumingMemoryBound(to: UInt8.self)
            return try check(swr_convert(context, &plane, Int32(capacity), data, Int32(count)), "swr_convert")
        }
        output.removeLast(capacity - Int(made))
    }

    /// Drains the samples the resampler still holds into `output`.
    func flush(into output: inout [Float]) throws(MediaError) {
        try convert(nil, count: 0, into: &output)
    }

    /// 16-bit mono `samples` at `rate` as 48 kHz float.
    static func resample(_ samples: [Int16], rate: Int) throws(MediaError) -> MonoAudio {
        var mono = AVChannelLayout()
        av_channel_layout_default(&mono, 1)
        defer { av_channel_layout_uninit(&mono) }
        let resampler = try AudioResampler(layout: &mono, format: AV_SAMPLE_FMT_S16, rate: rate)
        var output: [Float] = []
        output.reserveCapacity(samples.count * MonoAudio.sampleRate / max(rate, 1) + 64)
        let status = samples.withUnsafeBytes { bytes in
            var plane: UnsafePointer<UInt8>? = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
            return Result { () throws(MediaError) in try resampler.convert(&plane, count: samples.count, into: &output) }
        }
        try status.get()
        try resampler.flush(into: &output)
        return MonoAudio(samples: output)
    }
}

extension MonoAudio {
    /// 16-bit mono `samples` at `rate` (eSpeak NG's 22050 Hz) resampled to 48 kHz through
    /// libswresample.
    public static func resampling(_ samples: [Int16], rate: Int) throws(MediaError) -> MonoAudio {
        guard rate > 0 else { throw .invalidArgument("sample rate \(rate)") }
        return try AudioResampler.resample(samples, rate: rate)
    }
}

import CFFmpeg

extension HouseFormat {
    /// The filters that end every pipeline: resample to the house rate, hold the last frame
    /// for as long as frames are pulled (so a short input fills any frame count; the caller
    /// stops pulling at the count it wants), and 4:2:0 pixels.
    var fillTail: String {
        "fps=\(frameRate.numerator)/\(frameRate.denominator),tpad=stop=-1:stop_mode=clone,format=\(Self.pixelFormatName)"
    }
}

/// Moves filtered frames from `pipeline` into `encoder` (and `analyser`, when given) until
/// the encoder holds `count` frames (`.ended`), or the pipeline needs more input
/// (`.needsInput`). Checks for task cancellation before each frame. Throws `noVideoFrames` naming `file` when the pipeline
/// ends early: with `HouseFormat.fillTail` that happens only when it had no frame at all.
func transfer(
    from pipeline: FilterPipeline, into encoder: HouseEncoder, analyser: FrameAnalyser? = nil, count: Int,
    using frame: Frame, file: String
) throws -> Pull {
    while encoder.framesEncoded < count {
        try checkCancellation()
        switch try pipeline.pull(into: frame) {
        case .frame:
            try analyser?.add(frame)
            try encoder.encode(frame)
            frame.unref()
        case .needsInput:
            return .needsInput
        case .ended:
            throw MediaError.noVideoFrames(file: file)
        }
    }
    return .ended
}

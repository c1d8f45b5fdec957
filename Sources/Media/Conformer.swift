import CFFmpeg
import Foundation

/// Conforms any clip (any container, codec, size, pixel aspect, frame rate; audio or not)
/// to the house format: fitted inside the house frame with its display aspect kept and
/// black bars (letterbox or pillarbox), resampled to the house rate, cut or held on its
/// last frame to an exact frame count, 4:2:0, house encoder. Video only: audio is dropped.
///
/// The synchronous methods block the calling thread and check `Task.isCancelled` between
/// frames; the `async` ones run the same work on a thread of their own (keeping Swift's
/// cooperative threads free) and stop when the awaiting task is cancelled.
public struct Conformer: Sendable {
    /// The format of every file this conformer writes.
    public var format: HouseFormat

    /// A conformer writing `format`.
    public init(format: HouseFormat) {
        self.format = format
    }

    /// `conform(_:frames:to:analysing:)` on a thread of its own; cancelling the awaiting
    /// task stops it and removes the temporary file.
    @discardableResult
    public func conform(_ input: URL, frames: Int, to destination: URL, analysing: Bool = false) async throws
        -> ClipMeasures?
    {
        try await runOnOwnThread { try self.conform(input, frames: frames, to: destination, analysing: analysing) }
    }

    /// Writes `input`, conformed to exactly `frames` frames, to `destination`, atomically.
    ///
    /// A longer input is cut after `frames` frames; a shorter one holds its last frame.
    /// With `analysing`, quality control's analysis (`ClipAnalysis`) takes the conformed
    /// frames as they go to the encoder, and their measures are returned; else nil.
    /// - Throws: `MediaError`, or `CancellationError` (no file is left behind in either case).
    @discardableResult
    public func conform(_ input: URL, frames: Int, to destination: URL, analysing: Bool = false) throws
        -> ClipMeasures?
    {
        try format.validate()
        guard frames > 0 else { throw MediaError.invalidArgument("frame count must be positive, not \(frames)") }
        beginOperation()
        let source = try InputFile(path: input.path)
        let streamIndex = try source.videoStreamIndex()
        source.discardAllStreams(except: streamIndex)
        let decoder = try VideoDecoder(input: source, streamIndex: streamIndex)
        let analyser = try analysing ? FrameAnalyser(frameRate: format.frameRate.avRational) : nil
        return try writeAtomically(to: destination) { path in
            let encoder = try HouseEncoder(path: path, format: format)
            let packet = try Packet()
            let decoded = try Frame()
            let filtered = try Frame()
            var pipeline: FilterPipeline?
            var inputEnded = false
            conforming: while true {
                try checkCancellation()
                try decoder.feed(from: source, stream: streamIndex, using: packet, inputEnded: &inputEnded)
                decoding: while true {
                    switch try decoder.receive(into: decoded) {
                    case .needsInput:
                        break decoding
                    case .ended:
                        // The decoder is drained: close the graph's input; the held last
                        // frame fills the rest.
                        guard let pipeline else { throw MediaError.noVideoFrames(file: input.path) }
                        try pipeline.push(nil)
                        _ = try transfer(
                            from: pipeline, into: encoder, analyser: analyser, count: frames, using: filtered,
                            file: input.path)
                        break conforming
                    case .frame:
                        let active = try pipeline ?? makePipeline(source: source, streamIndex: streamIndex, first: decoded)
                        pipeline = active
                        try active.push(decoded)
                        if try transfer(
                            from: active, into: encoder, analyser: analyser, count: frames, using: filtered,
                            file: input.path) == .ended
                        {
                            break conforming
                        }
                    }
                }
            }
            try encoder.finish()
            return try analyser?.finish(file: input.path)
        }
    }

    /// The pipeline for frames like `first`: fit its display aspect inside the house frame,
    /// pad to the house size, then the house rate, frame count fill and pixel format.
    private func makePipeline(source: InputFile, streamIndex: Int, first: Frame) throws -> FilterPipeline {
        let stream = source.stream(streamIndex)
        let frame = first.pointer.pointee
        var aspect = av_guess_sample_aspect_ratio(source.context, stream, first.pointer)
        if aspect.num <= 0 || aspect.den <= 0 { aspect = AVRational(num: 1, den: 1) }
        let fitted = Self.fit(
            width: Int(frame.width), height: Int(frame.height), sampleAspect: Rational(aspect),
            into: format.width, format.height)
        let spec =
            "scale=\(fitted.width):\(fitted.height),format=\(HouseFormat.pixelFormatName),setsar=1,"
            + "pad=\(format.width):\(format.height):(ow-iw)/2:(oh-ih)/2:color=black,"
            + format.fillTail
        let parameters = SourceFrameParameters(
            width: frame.width, height: frame.height, pixelFormat: frame.format,
            timeBase: stream.pointee.time_base, sampleAspectRatio: aspect,
            frameRate: av_guess_frame_rate(source.context, stream, nil))
        return try FilterPipeline(spec: spec, source: parameters, options: [:])
    }

    /// The largest even size inside `boxWidth`×`boxHeight` with the display aspect of a
    /// `width`×`height` picture whose pixels are `sampleAspect` wide.
    static func fit(width: Int, height: Int, sampleAspect: Rational, into boxWidth: Int, _ boxHeight: Int)
        -> (width: Int, height: Int)
    {
        // Display aspect = width·sar.num / (height·sar.den); compare with the box exactly.
        let displayWidth = Double(width) * Double(sampleAspect.numerator)
        let displayHeight = Double(height) * Double(sampleAspect.denominator)
        func even(_ value: Double, limit: Int) -> Int {
            min(limit, max(2, 2 * Int((value / 2).rounded())))
        }
        if displayWidth * Double(boxHeight) >= displayHeight * Double(boxWidth) {
            return (boxWidth, even(Double(boxWidth) * displayHeight / displayWidth, limit: boxHeight))
        }
        return (even(Double(boxHeight) * displayWidth / displayHeight, limit: boxWidth), boxHeight)
    }
}

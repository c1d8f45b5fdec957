import CFFmpeg
import CFFmpegShims

/// Quality control's analysis (`ClipAnalysis`) as a sink: frames are pushed in, one clip's
/// in order, wherever they already are in decoded form (the conformer's conformed frames,
/// the renderer's drawn ones, a decoder's), and `finish` folds them into `ClipMeasures`.
/// Decoding a written clip again only to analyse it was three quarters of QC's cost at
/// 1280×720 (bench/README.md, "Quality control").
///
/// Each frame's luma is scaled to `ClipAnalysis.analysisWidth` and passes `blackdetect`,
/// `freezedetect` and `scdet`, and its mean is taken; a sample of the frames
/// (`ClipAnalysis.blurStride`), their luma scaled to `ClipAnalysis.blurWidth`, passes
/// `blurdetect`. The frames are numbered 0, 1, 2… at `frameRate`, whatever their own
/// timestamps: the measures are of the clip as the house plays it, frame after frame.
/// Any pixel format and size; the pipelines are made from the first frame. A frame pushed
/// in keeps its buffers and timestamps (the caller goes on to encode it).
final class FrameAnalyser {
    private let frameRate: AVRational
    private var analysers: (pipeline: FilterPipeline, blur: BlurSampler)?
    private var series = FrameSeries()
    private var size = (width: 0, height: 0)
    private var frames = 0
    private let luma: Frame
    private let filtered: Frame

    /// A sink for the frames of a clip played at `frameRate` (24 fps when it is not a rate).
    init(frameRate: AVRational) throws(MediaError) {
        self.frameRate = frameRate.num > 0 && frameRate.den > 0 ? frameRate : AVRational(num: 24, den: 1)
        luma = try Frame()
        filtered = try Frame()
    }

    /// Analyses `frame`, the clip's next.
    func add(_ frame: Frame) throws(MediaError) {
        if self.analysers == nil { self.analysers = try makeAnalysers(first: frame) }
        guard let analysers else { return }
        // The sampler takes a reference of its own.
        if let value = try analysers.blur.offer(frame) { series.addBlur(value) }
        // The pipeline takes the buffers of what it is pushed: a view of the luma plane, or a
        // reference to the whole frame when it has no 8-bit luma plane to share.
        if try !LumaView.make(of: frame, into: luma) {
            try check(av_frame_ref(luma.pointer, frame.pointer), "av_frame_ref")
        }
        luma.pointer.pointee.pts = Int64(frames)
        frames += 1
        try analysers.pipeline.push(luma)
        try drain(analysers.pipeline)
    }

    /// The measures of the frames added; throws `noVideoFrames` naming `file` when there were none.
    func finish(file: String) throws(MediaError) -> ClipMeasures {
        guard let (pipeline, blur) = analysers else { throw .noVideoFrames(file: file) }
        try pipeline.push(nil)
        try drain(pipeline)
        for value in try blur.finish() { series.addBlur(value) }
        return series.measures(
            width: size.width, height: size.height, frameSeconds: Double(frameRate.den) / Double(frameRate.num))
    }

    /// The pipeline of every frame (its luma at `analysisWidth`, then the filters) and the
    /// blur sampler, for frames like `frame`, the first.
    private func makeAnalysers(first frame: Frame) throws(MediaError) -> (pipeline: FilterPipeline, blur: BlurSampler) {
        let first = frame.pointer.pointee
        size = (Int(first.width), Int(first.height))
        var aspect = first.sample_aspect_ratio
        if aspect.num <= 0 || aspect.den <= 0 { aspect = AVRational(num: 1, den: 1) }
        let source = SourceFrameParameters(
            width: first.width, height: first.height, pixelFormat: first.format,
            timeBase: AVRational(num: frameRate.den, den: frameRate.num), sampleAspectRatio: aspect, frameRate: frameRate)
        // Luma only: every measure is of brightness and its changes, and scaling the chroma
        // planes too cost half as much again. The plane is pushed as it is when it can be
        // (`LumaView`), else `extractplanes` copies it out.
        var lumaSource = source
        lumaSource.pixelFormat = AV_PIX_FMT_GRAY8.rawValue
        let width = ClipAnalysis.analysisWidth, filters = ClipAnalysis.filters
        let pipeline = try LumaView.applies(to: first.format)
            ? FilterPipeline(
                spec: "scale=\(width):-2:flags=fast_bilinear," + filters, source: lumaSource, options: [:], threads: 1)
            : FilterPipeline(spec: ClipAnalysis.lumaScale(to: width) + "," + filters, source: source, options: [:], threads: 1)
        return (pipeline, try BlurSampler(source))
    }

    /// Pulls every frame the pipeline has ready and records its metadata and mean luma.
    private func drain(_ pipeline: FilterPipeline) throws(MediaError) {
        while try pipeline.pull(into: filtered) == .frame {
            series.add(FrameMetadata(filtered.pointer.pointee.metadata), luma: ClipAnalysis.meanLuma(filtered.pointer.pointee))
            filtered.unref()
        }
    }
}

/// `blurdetect` on a sample of a clip's frames (`ClipAnalysis.blurStride`), their luma
/// scaled to `ClipAnalysis.blurWidth`, in a pipeline of its own.
private final class BlurSampler {
    private let pipeline: FilterPipeline
    /// A reference to the latest frame while no frame has been measured.
    private let held: Frame
    private let measured: Frame
    private var frames = 0
    private var sampled = false

    /// A sampler for frames that look like `source`.
    init(_ source: SourceFrameParameters) throws(MediaError) {
        pipeline = try FilterPipeline(
            spec: ClipAnalysis.lumaScale(to: ClipAnalysis.blurWidth) + ",blurdetect", source: source, options: [:],
            threads: 1)
        held = try Frame()
        measured = try Frame()
    }

    /// The blur of `frame`, the clip's next, when it is one of the sample; `frame` keeps
    /// its buffers.
    func offer(_ frame: Frame) throws(MediaError) -> Double? {
        defer { frames += 1 }
        let isSample = frames % ClipAnalysis.blurStride == ClipAnalysis.blurStride / 2
        guard isSample || !sampled else { return nil }
        held.unref()
        try check(av_frame_ref(held.pointer, frame.pointer), "av_frame_ref")
        held.pointer.pointee.pts = Int64(frames)
        guard isSample else { return nil }
        sampled = true
        return try measureHeld()
    }

    /// The blur of the clip's last frame when no frame was sampled; nothing otherwise.
    func finish() throws(MediaError) -> [Double] {
        guard !sampled, frames > 0 else { return [] }
        return try measureHeld().map { [$0] } ?? []
    }

    /// `blurdetect`'s figure for the held frame (nil for a picture without edges).
    private func measureHeld() throws(MediaError) -> Double? {
        // The pipeline takes the held frame's buffers.
        try pipeline.push(held)
        var blur: Double?
        while try pipeline.pull(into: measured) == .frame {
            blur = FrameMetadata(measured.pointer.pointee.metadata)["lavfi.blur"]
            measured.unref()
        }
        return blur
    }
}

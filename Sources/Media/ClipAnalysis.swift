import CFFmpeg
import CFFmpegShims
import Foundation

/// Quality control's analysis of a clip, in process through libavfilter: decodes the clip
/// once, scales each frame to a fixed analysis width, passes it through `blackdetect`,
/// `freezedetect` and `scdet`, measures its mean luma, and passes every `blurStride`th
/// frame through `blurdetect`; it reads the metadata those filters attach to the frames.
///
/// Analysing at `analysisWidth` (whatever the clip's size) keeps the figures comparable
/// across frame sizes (blur is measured in pixels) and the cost small. The two costly
/// measures are cut down (bench/README.md, "Quality control"): the mean luma is summed
/// here rather than taken from `signalstats`, which also builds chroma, saturation and hue
/// statistics QC does not read (half the analysis at 640x360), and blur, an edge-width
/// search over the whole picture, is the mean of a sample of frames rather than of all.
public enum ClipAnalysis {
    /// The width frames are scaled to before they are measured.
    public static let analysisWidth = 320
    /// Blur is measured on frames 0, `blurStride`, 2 × `blurStride`, …: four a second at 24
    /// fps. Mush is a property of a whole generated clip, not of a few frames, so the
    /// sample's mean is the clip's; measuring every frame cost more than the rest of the
    /// analysis together.
    public static let blurStride = 6
    /// The filters' own settings (docs/qc.md): black is luma within 10% of black over 98%
    /// of the picture; frozen is less than -50 dB of change for at least half a second.
    static let filters = "blackdetect=d=0:pix_th=0.10:pic_th=0.98,freezedetect=n=-50dB:d=0.5,scdet=threshold=100"

    /// `measure(_:)` on a thread of its own; cancelling the awaiting task stops it.
    public static func measure(_ url: URL) async throws -> ClipMeasures {
        try await runOnOwnThread { try measure(url) }
    }

    /// Measures the main video stream of the file at `url`.
    /// - Throws: `MediaError` (`noVideoStream`, `noVideoFrames`, FFmpeg failures), or
    ///   `CancellationError`.
    public static func measure(_ url: URL) throws -> ClipMeasures {
        beginOperation()
        let input = try InputFile(path: url.path)
        let streamIndex = try input.videoStreamIndex()
        input.discardAllStreams(except: streamIndex)
        let stream = input.stream(streamIndex)
        // One decoding thread: builds analyse several clips side by side.
        let decoder = try VideoDecoder(input: input, streamIndex: streamIndex, threads: 1)
        let packet = try Packet()
        let decoded = try Frame()
        let filtered = try Frame()
        var pipeline: FilterPipeline?
        var blur: FilterPipeline?
        var series = FrameSeries()
        var size = (width: 0, height: 0)
        var inputEnded = false
        analysing: while true {
            try checkCancellation()
            try decoder.feed(from: input, stream: streamIndex, using: packet, inputEnded: &inputEnded)
            decoding: while true {
                switch try decoder.receive(into: decoded) {
                case .needsInput:
                    break decoding
                case .ended:
                    guard let pipeline, let blur else { throw MediaError.noVideoFrames(file: url.path) }
                    try pipeline.push(nil)
                    try drain(pipeline, blur: blur, into: &series, using: filtered)
                    break analysing
                case .frame:
                    let frame = decoded.pointer.pointee
                    let active = try pipeline ?? makePipeline(input: input, stream: stream, first: frame)
                    let blurring = try blur ?? makeBlurPipeline(after: active, stream: stream)
                    if pipeline == nil { size = (Int(frame.width), Int(frame.height)) }
                    pipeline = active
                    blur = blurring
                    try active.push(decoded)
                    try drain(active, blur: blurring, into: &series, using: filtered)
                }
            }
        }
        let rate = av_guess_frame_rate(input.context, stream, nil)
        let frameSeconds = rate.num > 0 && rate.den > 0 ? Double(rate.den) / Double(rate.num) : 1.0 / 24
        return series.measures(width: size.width, height: size.height, frameSeconds: frameSeconds)
    }

    private static func makePipeline(input: InputFile, stream: UnsafeMutablePointer<AVStream>, first frame: AVFrame)
        throws(MediaError) -> FilterPipeline
    {
        var aspect = frame.sample_aspect_ratio
        if aspect.num <= 0 || aspect.den <= 0 { aspect = AVRational(num: 1, den: 1) }
        let parameters = SourceFrameParameters(
            width: frame.width, height: frame.height, pixelFormat: frame.format, timeBase: stream.pointee.time_base,
            sampleAspectRatio: aspect, frameRate: av_guess_frame_rate(input.context, stream, nil))
        return try FilterPipeline(
            spec: "scale=\(analysisWidth):-2:flags=fast_bilinear,format=yuv420p," + filters, source: parameters,
            options: [:])
    }

    /// `blurdetect` alone, on the scaled frames `pipeline` puts out.
    private static func makeBlurPipeline(after pipeline: FilterPipeline, stream: UnsafeMutablePointer<AVStream>)
        throws(MediaError) -> FilterPipeline
    {
        let parameters = SourceFrameParameters(
            width: pipeline.outputWidth, height: pipeline.outputHeight, pixelFormat: AV_PIX_FMT_YUV420P.rawValue,
            timeBase: stream.pointee.time_base, sampleAspectRatio: pipeline.outputSampleAspectRatio,
            frameRate: AVRational(num: 0, den: 1))
        return try FilterPipeline(spec: "blurdetect", source: parameters, options: [:])
    }

    /// Pulls every frame the pipeline has ready and records its metadata and mean luma,
    /// and the blur of every `blurStride`th.
    private static func drain(
        _ pipeline: FilterPipeline, blur: FilterPipeline, into series: inout FrameSeries, using frame: Frame
    ) throws(MediaError) {
        while try pipeline.pull(into: frame) == .frame {
            let sampled = series.frameCount % blurStride == 0
            series.add(FrameMetadata(frame.pointer.pointee.metadata), luma: meanLuma(frame.pointer.pointee))
            if sampled {
                // The blur pipeline takes the frame's buffers; its output is the same picture.
                try blur.push(frame)
                while try blur.pull(into: frame) == .frame {
                    series.addBlur(FrameMetadata(frame.pointer.pointee.metadata))
                    frame.unref()
                }
            }
            frame.unref()
        }
    }

    /// The mean of the frame's first plane (luma, 8 bits): what `signalstats` reports as YAVG.
    static func meanLuma(_ frame: AVFrame) -> Double {
        guard let data = frame.data.0, frame.width > 0, frame.height > 0 else { return 0 }
        let width = Int(frame.width), height = Int(frame.height), stride = Int(frame.linesize.0)
        var total = 0
        for row in 0..<height {
            var sum = 0
            for value in UnsafeBufferPointer(start: data + row * stride, count: width) { sum &+= Int(value) }
            total &+= sum
        }
        return Double(total) / Double(width * height)
    }
}

/// The metadata the analysis filters attached to one frame.
struct FrameMetadata {
    private let values: [String: String]

    init(_ dictionary: OpaquePointer?) {
        var values: [String: String] = [:]
        var entry: UnsafeMutablePointer<AVDictionaryEntry>?
        while let next = av_dict_get(dictionary, "lavfi.", entry, AV_DICT_IGNORE_SUFFIX) {
            values[String(cString: next.pointee.key)] = String(cString: next.pointee.value)
            entry = next
        }
        self.values = values
    }

    /// The value of `key` as a finite number (blurdetect says `nan` for a picture with no edges).
    subscript(key: String) -> Double? { values[key].flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil } }
}

/// The per-frame figures of one clip, folded into `ClipMeasures` at its end.
struct FrameSeries {
    private var frames = 0
    private var luma: [Double] = []
    private var blurs: [Double] = []
    private var sceneChange = 0.0, sceneChangeFrame = 0
    private var blackStart: Double?, blackSeconds = 0.0
    private var freezeStart: Double?, frozenSeconds = 0.0

    /// Frames added so far.
    var frameCount: Int { frames }

    /// The next frame: `blackdetect`, `freezedetect` and `scdet`'s metadata, and its mean luma.
    mutating func add(_ metadata: FrameMetadata, luma average: Double) {
        luma.append(average)
        // scdet compares each frame with the one before and the change before that: its
        // first two scores compare with nothing and are left out.
        if frames >= 2, let score = metadata["lavfi.scd.score"], score > sceneChange {
            sceneChange = score
            sceneChangeFrame = frames
        }
        if let start = metadata["lavfi.black_start"] { blackStart = start }
        if let end = metadata["lavfi.black_end"], let start = blackStart {
            blackSeconds += end - start
            blackStart = nil
        }
        if let start = metadata["lavfi.freezedetect.freeze_start"] { freezeStart = start }
        if let end = metadata["lavfi.freezedetect.freeze_end"], let start = freezeStart {
            frozenSeconds += end - start
            freezeStart = nil
        }
        frames += 1
    }

    /// The blur of a sampled frame, from `blurdetect`'s metadata.
    mutating func addBlur(_ metadata: FrameMetadata) {
        if let blur = metadata["lavfi.blur"] { blurs.append(blur) }
    }

    /// The measures, with a black or frozen stretch still open at the end running to it.
    func measures(width: Int, height: Int, frameSeconds: Double) -> ClipMeasures {
        let seconds = Double(frames) * frameSeconds
        var swings = 0.0
        if luma.count >= 3 {
            for index in 2..<luma.count { swings += abs(luma[index] - 2 * luma[index - 1] + luma[index - 2]) / 2 }
            swings /= Double(luma.count - 2)
        }
        return ClipMeasures(
            frames: frames, width: width, height: height, seconds: seconds,
            blackSeconds: blackSeconds + (blackStart.map { max(0, seconds - $0) } ?? 0),
            frozenSeconds: frozenSeconds + (freezeStart.map { max(0, seconds - $0) } ?? 0),
            sceneChange: sceneChange, sceneChangeAt: Double(sceneChangeFrame) * frameSeconds, flicker: swings,
            blur: blurs.isEmpty ? 0 : blurs.reduce(0, +) / Double(blurs.count))
    }
}

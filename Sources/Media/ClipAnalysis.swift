import CFFmpeg
import CFFmpegShims
import Foundation

/// Quality control's analysis of a clip, in process through libavfilter (`FrameAnalyser`,
/// fed by the conformer and the renderer as they encode, or by `measure(_:)` decoding a
/// file): scales each frame's luma to `analysisWidth`, passes it through `blackdetect`,
/// `freezedetect` and `scdet`, and measures its mean luma; and passes a sample of the
/// frames (`blurStride`), their luma scaled to `blurWidth`, through `blurdetect`. It reads
/// the metadata those filters attach to the frames.
///
/// Analysing at fixed widths (whatever the clip's size) keeps the figures comparable
/// across frame sizes (blur is measured in pixels) and the cost small. What each step
/// costs is in bench/README.md, "Quality control": the mean luma is summed here rather
/// than taken from `signalstats`, which also builds chroma, saturation and hue statistics
/// QC does not read; blur is the mean of a sample of frames rather than of all; and only
/// the sampled frames are scaled to the blur measure's width.
public enum ClipAnalysis {
    /// The width every frame's luma is scaled to for the black, frozen, cut and flicker
    /// measures. Each is of the brightness of the whole picture or of large parts of it
    /// and how it changes, which 160 pixels show as well as 320 (the test fakes' cut
    /// scores 17.53 where it scored 17.51, their flicker and black and frozen times are
    /// unchanged), for a quarter of the scaling and filtering.
    public static let analysisWidth = 160
    /// Bumped when a measure's definition changes, so that measures cached with clips under
    /// an earlier one are taken again (`QCRecord.analysis`). 2: black, frozen, cut and
    /// flicker at 160 wide (a cut scores differently).
    public static let version = 2
    /// The width the sampled frames' luma is scaled to for `blurdetect`. Blur is an edge's
    /// width in pixels: at 160 wide, a clip made at 320×180 and scaled up to 1280×720
    /// would look sharp, so blur keeps the width its limit was tuned at.
    public static let blurWidth = 320
    /// Blur is measured on every `blurStride`th frame from the middle of the first stride
    /// (frames 12, 36, 60, …: one a second at 24 fps), or on the last frame of a clip too
    /// short to reach frame 12. Mush is a property of a whole generated clip, not of a few
    /// frames, so the sample's mean is the clip's; on every frame, `blurdetect` (some 13
    /// million instructions a frame at 320x180, where decoding a 640x360 frame is about
    /// 2) cost more than the rest of the analysis together. The first frame is left out
    /// on purpose: an image-to-video model's first frame is its sharp input picture.
    public static let blurStride = 24
    /// The filters' own settings (docs/qc.md): black is luma within 10% of black over 98%
    /// of the picture; frozen is less than -50 dB of change for at least half a second.
    static let filters = "blackdetect=d=0:pix_th=0.10:pic_th=0.98,freezedetect=n=-50dB:d=0.5,scdet=threshold=100"

    /// `measure(_:)` on a thread of its own; cancelling the awaiting task stops it.
    public static func measure(_ url: URL) async throws -> ClipMeasures {
        try await runOnOwnThread { try measure(url) }
    }

    /// Measures the main video stream of the file at `url`: decodes it into a
    /// `FrameAnalyser`, the analysis the conformer and the renderer feed as they encode.
    /// - Throws: `MediaError` (`noVideoStream`, `noVideoFrames`, FFmpeg failures), or
    ///   `CancellationError`.
    public static func measure(_ url: URL) throws -> ClipMeasures {
        beginOperation()
        // Without `avformat_find_stream_info`, which decodes the first frame a second time:
        // the decoder needs only the container's parameters, and the pipelines are made
        // from the first decoded frame.
        let input = try InputFile(path: url.path, analyze: false)
        let streamIndex = try input.videoStreamIndex()
        input.discardAllStreams(except: streamIndex)
        // One decoding thread: builds analyse several clips side by side. The deblocking
        // filter stays on although skipping it saves a quarter of the decode: without it
        // `testsrc2` measures 6% blurrier (bench/README.md), and QC judges the picture shown.
        let decoder = try VideoDecoder(input: input, streamIndex: streamIndex, threads: 1)
        let analyser = try FrameAnalyser(frameRate: av_guess_frame_rate(input.context, input.stream(streamIndex), nil))
        let packet = try Packet()
        let decoded = try Frame()
        var inputEnded = false
        while true {
            try checkCancellation()
            try decoder.feed(from: input, stream: streamIndex, using: packet, inputEnded: &inputEnded)
            decoding: while true {
                switch try decoder.receive(into: decoded) {
                case .needsInput:
                    break decoding
                case .ended:
                    return try analyser.finish(file: url.path)
                case .frame:
                    try analyser.add(decoded)
                    decoded.unref()
                }
            }
        }
    }

    /// The filters that turn a decoded frame into its luma plane `width` pixels wide.
    static func lumaScale(to width: Int) -> String { "extractplanes=y,scale=\(width):-2:flags=fast_bilinear" }

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

    /// The blur of a sampled frame.
    mutating func addBlur(_ blur: Double) { blurs.append(blur) }

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

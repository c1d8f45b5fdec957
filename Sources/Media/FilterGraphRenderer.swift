import CFFmpeg
import Foundation

/// Renders a source filter graph (`color=…,drawtext=…`) to an MP4 file in the house format.
///
/// Deterministic: the same graph, options, frame count and format give the same bytes.
/// The synchronous methods block the calling thread and check `Task.isCancelled` between
/// frames; the `async` ones run the same work on a thread of their own (keeping Swift's
/// cooperative threads free) and stop when the awaiting task is cancelled.
public struct FilterGraphRenderer: Sendable {
    /// The format of every file this renderer writes.
    public var format: HouseFormat

    /// A renderer writing `format`.
    public init(format: HouseFormat) {
        self.format = format
    }

    /// Options that set a `drawtext` filter's text to `text` exactly as given: no graph or
    /// option escaping is involved, and `%{…}` sequences are not expanded.
    public static func literalText(_ text: String) -> [String: String] {
        ["text": text, "expansion": "none"]
    }

    /// `render(graph:frames:filterOptions:to:analysing:)` on a thread of its own; cancelling
    /// the awaiting task stops it and removes the temporary file.
    @discardableResult
    public func render(
        graph: String, frames: Int, filterOptions: [String: [String: String]] = [:], to destination: URL,
        analysing: Bool = false
    ) async throws -> ClipMeasures? {
        try await runOnOwnThread {
            try self.render(
                graph: graph, frames: frames, filterOptions: filterOptions, to: destination, analysing: analysing)
        }
    }

    /// Renders exactly `frames` frames of `graph` to `destination`, atomically.
    ///
    /// - Parameters:
    ///   - graph: a filter graph with one output whose first filter is a source, such as
    ///     `color=c=0x223344:s=640x360:r=24,drawtext=fontfile=…:text=x`. It must produce
    ///     frames of the house size with square pixels. It is resampled to the house rate,
    ///     and its last frame is held when it ends before `frames`.
    ///   - frames: how many frames to write (at least 1).
    ///   - filterOptions: options set on named filter instances after parsing, verbatim:
    ///     `["title": FilterGraphRenderer.literalText("INT. HOUSE – DAY")]` for a filter
    ///     written `drawtext@title=fontfile=…:text=x` in `graph`. Options read when a filter
    ///     is initialised (drawtext's `fontfile`) belong in the graph text.
    ///   - destination: the MP4 file to write; replaced if it exists.
    ///   - analysing: whether quality control's analysis (`ClipAnalysis`) takes the frames
    ///     as they go to the encoder; their measures are returned, else nil.
    /// - Throws: `MediaError`, or `CancellationError` (no file is left behind in either case).
    @discardableResult
    public func render(
        graph: String, frames: Int, filterOptions: [String: [String: String]] = [:], to destination: URL,
        analysing: Bool = false
    ) throws -> ClipMeasures? {
        try format.validate()
        guard frames > 0 else { throw MediaError.invalidArgument("frame count must be positive, not \(frames)") }
        beginOperation()
        return try writeAtomically(to: destination) { path in
            let pipeline = try pipeline(graph: graph, filterOptions: filterOptions)
            let encoder = try HouseEncoder(path: path, format: format)
            let analyser = try analysing ? FrameAnalyser(frameRate: format.frameRate.avRational) : nil
            let frame = try Frame()
            if try transfer(
                from: pipeline, into: encoder, analyser: analyser, count: frames, using: frame, file: "filter graph")
                == .needsInput
            {
                throw Self.unconnectedInput
            }
            try encoder.finish()
            return try analyser?.finish(file: "filter graph")
        }
    }

    /// `renderStill(graph:frames:filterOptions:to:analysing:)` on a thread of its own;
    /// cancelling the awaiting task stops it and removes the temporary file.
    @discardableResult
    public func renderStill(
        graph: String, frames: Int, filterOptions: [String: [String: String]] = [:], to destination: URL,
        analysing: Bool = false
    ) async throws -> ClipMeasures? {
        try await runOnOwnThread {
            try self.renderStill(
                graph: graph, frames: frames, filterOptions: filterOptions, to: destination, analysing: analysing)
        }
    }

    /// Renders the first frame of `graph`, held for `frames` frames, to `destination`,
    /// atomically: what `render` writes for a graph whose frames are all alike, for a
    /// fraction of the work. The picture is drawn once and encoded for one keyframe
    /// interval at most; the file repeats that interval's packets after it, so a clip of
    /// any length costs the encoder no more than two seconds of frames. The first interval
    /// is byte for byte what `render` writes; later ones are its copies, where `render`
    /// would have encoded each again.
    ///
    /// Parameters and errors as for `render(graph:frames:filterOptions:to:analysing:)`; the
    /// analysis takes the picture once for every frame of the clip.
    @discardableResult
    public func renderStill(
        graph: String, frames: Int, filterOptions: [String: [String: String]] = [:], to destination: URL,
        analysing: Bool = false
    ) throws -> ClipMeasures? {
        try format.validate()
        guard frames > 0 else { throw MediaError.invalidArgument("frame count must be positive, not \(frames)") }
        beginOperation()
        return try writeAtomically(to: destination) { path in
            let pipeline = try pipeline(graph: graph, filterOptions: filterOptions)
            // The encoder before the picture, in the order `render` allocates them: the other
            // way round, freed memory is not reused from one clip to the next, and a build's
            // resident set grew by some 30 MB (Brick-and-Steel, 1280x720).
            let encoder = try HouseEncoder(path: path, format: format, keepingPackets: true)
            let picture = try Frame()
            switch try pipeline.pull(into: picture) {
            case .frame: break
            case .needsInput: throw Self.unconnectedInput
            case .ended: throw MediaError.noVideoFrames(file: "filter graph")
            }
            for _ in 0..<min(frames, format.keyframeInterval) {
                try checkCancellation()
                try encoder.encode(picture)
            }
            try encoder.finish(repeatingTo: frames)
            guard analysing else { return nil }
            let analyser = try FrameAnalyser(frameRate: format.frameRate.avRational)
            for _ in 0..<frames {
                try checkCancellation()
                try analyser.add(picture)
            }
            return try analyser.finish(file: "filter graph")
        }
    }

    private static let unconnectedInput = MediaError.invalidArgument(
        "the graph has an unconnected input; it must start with a source")

    /// `graph` followed by the house's fill tail, configured, once its frames are known to
    /// be of the house size with square pixels.
    private func pipeline(graph: String, filterOptions: [String: [String: String]]) throws -> FilterPipeline {
        let pipeline = try FilterPipeline(spec: graph + "," + format.fillTail, source: nil, options: filterOptions)
        let aspect = pipeline.outputSampleAspectRatio
        guard pipeline.outputWidth == format.width, pipeline.outputHeight == format.height,
            aspect.num == aspect.den || aspect.num == 0
        else {
            throw MediaError.invalidArgument(
                "the graph makes \(pipeline.outputWidth)x\(pipeline.outputHeight) frames "
                    + "(sample aspect \(aspect.num):\(aspect.den)); the house format is "
                    + "\(format.width)x\(format.height) with square pixels")
        }
        return pipeline
    }
}

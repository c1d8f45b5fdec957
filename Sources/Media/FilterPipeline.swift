import CFFmpeg
import CFFmpegShims

/// What the frames pushed into a filter pipeline look like.
struct SourceFrameParameters {
    var width: Int32
    var height: Int32
    var pixelFormat: Int32
    var timeBase: AVRational
    var sampleAspectRatio: AVRational
    var frameRate: AVRational
}

/// Owns a configured filter graph (`AVFilterGraph`) ending in a buffer sink, and, when
/// it filters decoded frames, starting at a buffer source.
final class FilterPipeline {
    private let graph: UnsafeMutablePointer<AVFilterGraph>
    private let source: UnsafeMutablePointer<AVFilterContext>?
    private let sink: UnsafeMutablePointer<AVFilterContext>

    /// Parses and configures `spec`. With `source` nil, the spec must start with a source
    /// filter (`color`, `testsrc2`); otherwise its first input receives pushed frames.
    /// `options` sets options on named filter instances after parsing, before
    /// configuration: instance name → option → value, set verbatim with `av_opt_set`
    /// (no graph escaping involved). `threads` bounds the filters' slice threads (nil: as
    /// many as FFmpeg sees fit).
    init(spec: String, source parameters: SourceFrameParameters?, options: [String: [String: String]], threads: Int32? = nil)
        throws(MediaError)
    {
        var graph: UnsafeMutablePointer<AVFilterGraph>? = try require(avfilter_graph_alloc(), "avfilter_graph_alloc")
        var configured = false
        defer { if !configured { avfilter_graph_free(&graph) } }
        // Read when the first filter is created.
        if let threads { graph?.pointee.nb_threads = threads }

        var sink: UnsafeMutablePointer<AVFilterContext>?
        try check(
            avfilter_graph_create_filter(&sink, avfilter_get_by_name("buffersink"), "out", nil, nil, graph),
            "avfilter_graph_create_filter(buffersink)")
        var source: UnsafeMutablePointer<AVFilterContext>?
        if let parameters {
            let arguments =
                "video_size=\(parameters.width)x\(parameters.height):pix_fmt=\(parameters.pixelFormat)"
                + ":time_base=\(parameters.timeBase.num)/\(parameters.timeBase.den)"
                + ":pixel_aspect=\(parameters.sampleAspectRatio.num)/\(parameters.sampleAspectRatio.den)"
                + (parameters.frameRate.num > 0
                    ? ":frame_rate=\(parameters.frameRate.num)/\(parameters.frameRate.den)" : "")
            try check(
                avfilter_graph_create_filter(&source, avfilter_get_by_name("buffer"), "in", arguments, nil, graph),
                "avfilter_graph_create_filter(buffer)")
        }

        var inputs = avfilter_inout_alloc()
        defer { avfilter_inout_free(&inputs) }
        var outputs: UnsafeMutablePointer<AVFilterInOut>?
        defer { avfilter_inout_free(&outputs) }
        let sinkEnd = try require(inputs, "avfilter_inout_alloc")
        sinkEnd.pointee.name = av_strdup("out")
        sinkEnd.pointee.filter_ctx = sink
        if let source {
            outputs = avfilter_inout_alloc()
            let sourceEnd = try require(outputs, "avfilter_inout_alloc")
            sourceEnd.pointee.name = av_strdup("in")
            sourceEnd.pointee.filter_ctx = source
        }
        try check(avfilter_graph_parse_ptr(graph, spec, &inputs, &outputs, nil), "avfilter_graph_parse_ptr(\(spec))")
        let parsed = graph!
        for (instance, values) in options.sorted(by: { $0.key < $1.key }) {
            let filter = try Self.filter(named: instance, in: parsed)
            for (option, value) in values.sorted(by: { $0.key < $1.key }) {
                try check(
                    av_opt_set(filter, option, value, AV_OPT_SEARCH_CHILDREN),
                    "av_opt_set(\(instance).\(option))")
            }
        }
        try check(avfilter_graph_config(parsed, nil), "avfilter_graph_config")

        self.graph = parsed
        self.source = source
        self.sink = try require(sink, "avfilter_graph_create_filter(buffersink)")
        configured = true
    }

    deinit {
        var graph: UnsafeMutablePointer<AVFilterGraph>? = graph
        avfilter_graph_free(&graph)
    }

    /// The filter instance called `name`: either its full instance name, or the `id` of
    /// a filter written `drawtext@id` in the spec.
    private static func filter(named name: String, in graph: UnsafeMutablePointer<AVFilterGraph>)
        throws(MediaError) -> UnsafeMutablePointer<AVFilterContext>
    {
        var names: [String] = []
        for index in 0..<Int(graph.pointee.nb_filters) {
            guard let filter = graph.pointee.filters[index], let cName = filter.pointee.name else { continue }
            let instance = String(cString: cName)
            if instance == name || instance.hasSuffix("@" + name) {
                return filter
            }
            names.append(instance)
        }
        throw .invalidArgument("no filter instance \"\(name)\" in the graph (it has \(names.joined(separator: ", ")))")
    }

    /// The width of the frames the pipeline produces.
    var outputWidth: Int32 { av_buffersink_get_w(sink) }
    /// The height of the frames the pipeline produces.
    var outputHeight: Int32 { av_buffersink_get_h(sink) }
    /// The sample aspect ratio of the frames the pipeline produces.
    var outputSampleAspectRatio: AVRational { av_buffersink_get_sample_aspect_ratio(sink) }

    /// Pushes a decoded frame in (taking its buffers); `nil` marks the end of the input.
    func push(_ frame: Frame?) throws(MediaError) {
        guard let source else { preconditionFailure("push into a pipeline without a buffer source") }
        try check(av_buffersrc_add_frame_flags(source, frame?.pointer, 0), "av_buffersrc_add_frame_flags")
    }

    /// Pulls the next filtered frame into `frame`.
    func pull(into frame: Frame) throws(MediaError) -> Pull {
        let status = av_buffersink_get_frame(sink, frame.pointer)
        if status == CFFmpegErrorAgain { return .needsInput }
        if status == CFFmpegErrorEOF { return .ended }
        try check(status, "av_buffersink_get_frame")
        return .frame
    }
}

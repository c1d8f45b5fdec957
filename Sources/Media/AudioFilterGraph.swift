import CFFmpeg
import CFFmpegShims

/// A libavfilter audio graph (`highpass=f=300,lowpass=f=3400`, `ebur128=metadata=1`) fed
/// 48 kHz float samples, interleaved, `channels` of them (1 or 2), and giving the same
/// format back. Samples go in by `push` and come out as the graph releases them.
final class AudioFilterGraph {
    private var graph: UnsafeMutablePointer<AVFilterGraph>?
    private let source: UnsafeMutablePointer<AVFilterContext>
    private let sink: UnsafeMutablePointer<AVFilterContext>
    private let channels: Int
    private let frame: Frame
    private var pts: Int64 = 0
    /// The metadata of the last frame the graph gave (`lavfi.r128.I` from `ebur128`).
    private(set) var lastMetadata: [String: String] = [:]

    init(_ description: String, channels: Int) throws(MediaError) {
        guard channels == 1 || channels == 2 else { throw .invalidArgument("\(channels) audio channels") }
        self.channels = channels
        frame = try Frame()
        graph = try require(avfilter_graph_alloc(), "avfilter_graph_alloc")
        let layout = channels == 1 ? "mono" : "stereo"
        let rate = MonoAudio.sampleRate
        var source: UnsafeMutablePointer<AVFilterContext>?
        var sink: UnsafeMutablePointer<AVFilterContext>?
        do {
            try check(
                avfilter_graph_create_filter(
                    &source, avfilter_get_by_name("abuffer"), "in",
                    "time_base=1/\(rate):sample_rate=\(rate):sample_fmt=flt:channel_layout=\(layout)", nil, graph),
                "avfilter_graph_create_filter(abuffer)")
            try check(
                avfilter_graph_create_filter(&sink, avfilter_get_by_name("abuffersink"), "out", nil, nil, graph),
                "avfilter_graph_create_filter(abuffersink)")
            var outputs = avfilter_inout_alloc()
            var inputs = avfilter_inout_alloc()
            defer {
                avfilter_inout_free(&outputs)
                avfilter_inout_free(&inputs)
            }
            outputs?.pointee.name = av_strdup("in")
            outputs?.pointee.filter_ctx = source
            inputs?.pointee.name = av_strdup("out")
            inputs?.pointee.filter_ctx = sink
            // The tail pins the sink's format: whatever the graph does, float at 48 kHz comes out.
            let full = "\(description),aformat=sample_fmts=flt:sample_rates=\(rate):channel_layouts=\(layout)"
            try check(avfilter_graph_parse_ptr(graph, full, &inputs, &outputs, nil), "avfilter_graph_parse_ptr(\(description))")
            try check(avfilter_graph_config(graph, nil), "avfilter_graph_config(\(description))")
        } catch {
            avfilter_graph_free(&graph)
            throw error
        }
        self.source = source!
        self.sink = sink!
    }

    deinit { avfilter_graph_free(&graph) }

    /// Feeds `samples` (interleaved) and returns what the graph gives back so far.
    func push(_ samples: [Float]) throws(MediaError) -> [Float] {
        var output: [Float] = []
        var offset = 0
        let perFrame = 4096 * channels
        while offset < samples.count {
            let count = min(perFrame, samples.count - offset)
            let current = frame.pointer
            current.pointee.format = AV_SAMPLE_FMT_FLT.rawValue
            current.pointee.sample_rate = Int32(MonoAudio.sampleRate)
            av_channel_layout_default(&current.pointee.ch_layout, Int32(channels))
            current.pointee.nb_samples = Int32(count / channels)
            current.pointee.pts = pts
            try check(av_frame_get_buffer(current, 0), "av_frame_get_buffer")
            samples.withUnsafeBufferPointer { buffer in
                current.pointee.data.0!.withMemoryRebound(to: Float.self, capacity: count) {
                    $0.update(from: buffer.baseAddress! + offset, count: count)
                }
            }
            pts += Int64(count / channels)
            offset += count
            // av_buffersrc_add_frame takes the frame's buffers and resets it.
            try check(av_buffersrc_add_frame(source, current), "av_buffersrc_add_frame")
            try pull(into: &output)
        }
        return output
    }

    /// Ends the input and returns the rest of the output.
    func finish() throws(MediaError) -> [Float] {
        try check(av_buffersrc_add_frame(source, nil), "av_buffersrc_add_frame")
        var output: [Float] = []
        try pull(into: &output)
        return output
    }

    private func pull(into output: inout [Float]) throws(MediaError) {
        while true {
            let status = av_buffersink_get_frame(sink, frame.pointer)
            if status == CFFmpegErrorAgain || status == CFFmpegErrorEOF { return }
            try check(status, "av_buffersink_get_frame")
            defer { frame.unref() }
            let current = frame.pointer
            let count = Int(current.pointee.nb_samples) * channels
            current.pointee.data.0!.withMemoryRebound(to: Float.self, capacity: count) {
                output.append(contentsOf: UnsafeBufferPointer(start: $0, count: count))
            }
            var entry: UnsafeMutablePointer<AVDictionaryEntry>?
            var metadata: [String: String] = [:]
            while let next = av_dict_get(current.pointee.metadata, "", entry, AV_DICT_IGNORE_SUFFIX) {
                metadata[String(cString: next.pointee.key)] = String(cString: next.pointee.value)
                entry = next
            }
            if !metadata.isEmpty { lastMetadata = metadata }
        }
    }
}

extension MonoAudio {
    /// This audio through the libavfilter graph `description` (mono in, mono out, 48 kHz).
    public func filtered(_ description: String) throws(MediaError) -> MonoAudio {
        beginOperation()
        let graph = try AudioFilterGraph(description, channels: 1)
        var output = try graph.push(samples)
        output += try graph.finish()
        return MonoAudio(samples: output)
    }
}

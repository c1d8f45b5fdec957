import CFFmpeg

/// Owns an MP4 output (`AVFormatContext` and its file) for the length of an operation.
/// The muxer runs in bit-exact mode: no library version or creation time in the file.
final class OutputFile {
    let context: UnsafeMutablePointer<AVFormatContext>
    private var headerWritten = false
    private var finished = false

    /// Allocates the MP4 muxer for `path`; the file is created by `writeHeader`.
    init(path: String) throws(MediaError) {
        var context: UnsafeMutablePointer<AVFormatContext>?
        try check(avformat_alloc_output_context2(&context, nil, "mp4", path), "avformat_alloc_output_context2")
        self.context = try require(context, "avformat_alloc_output_context2")
        self.context.pointee.flags |= AVFMT_FLAG_BITEXACT
    }

    deinit {
        if context.pointee.oformat.pointee.flags & AVFMT_NOFILE == 0 {
            avio_closep(&context.pointee.pb)
        }
        avformat_free_context(context)
    }

    /// Whether codecs feeding this muxer must put their headers in extradata.
    var needsGlobalHeader: Bool {
        context.pointee.oformat.pointee.flags & AVFMT_GLOBALHEADER != 0
    }

    /// Adds a stream; the muxer owns it.
    func addStream() throws(MediaError) -> UnsafeMutablePointer<AVStream> {
        try require(avformat_new_stream(context, nil), "avformat_new_stream")
    }

    /// Creates the file and writes the header. The muxer may change the streams' time
    /// bases: read them back afterwards.
    func writeHeader() throws(MediaError) {
        let url = context.pointee.url.map { String(cString: $0) } ?? ""
        if context.pointee.oformat.pointee.flags & AVFMT_NOFILE == 0 {
            try check(avio_open(&context.pointee.pb, url, AVIO_FLAG_WRITE), "avio_open(\(url))")
        }
        try check(avformat_write_header(context, nil), "avformat_write_header")
        headerWritten = true
    }

    /// Writes `packet` (its timestamps in its stream's time base), taking its payload.
    func write(_ packet: Packet) throws(MediaError) {
        packet.pointer.pointee.pos = -1
        try check(av_interleaved_write_frame(context, packet.pointer), "av_interleaved_write_frame")
    }

    /// Writes the trailer and closes the file.
    func finish() throws(MediaError) {
        precondition(headerWritten && !finished, "finish() once, after writeHeader()")
        finished = true
        try check(av_write_trailer(context), "av_write_trailer")
        if context.pointee.oformat.pointee.flags & AVFMT_NOFILE == 0 {
            try check(avio_closep(&context.pointee.pb), "avio_closep")
        }
    }
}

import CFFmpeg
import CFFmpegShims

/// Owns an opened input (`AVFormatContext`) for the length of an operation.
final class InputFile {
    let path: String
    let context: UnsafeMutablePointer<AVFormatContext>

    /// Opens `path`; with `analyze`, also reads the start of the streams to complete
    /// their parameters (`avformat_find_stream_info`). With `format`, the file is opened
    /// with that demuxer instead of one found by probing (which asks every demuxer FFmpeg
    /// has, a module-music library among them, to score the file's first bytes).
    init(path: String, analyze: Bool = true, format: UnsafePointer<AVInputFormat>? = nil) throws(MediaError) {
        self.path = path
        var context: UnsafeMutablePointer<AVFormatContext>?
        try check(avformat_open_input(&context, path, format, nil), "avformat_open_input(\(path))")
        // avformat_open_input frees the context when it fails; from here on deinit closes it.
        self.context = try require(context, "avformat_open_input(\(path))")
        if analyze { try self.analyze() }
    }

    /// Reads the start of the streams to complete their parameters (pixel format,
    /// profile): `avformat_find_stream_info`, which decodes, so it costs far more than
    /// opening the file.
    func analyze() throws(MediaError) {
        try check(avformat_find_stream_info(context, nil), "avformat_find_stream_info(\(path))")
    }

    deinit {
        var context: UnsafeMutablePointer<AVFormatContext>? = context
        avformat_close_input(&context)
    }

    var streamCount: Int { Int(context.pointee.nb_streams) }

    func stream(_ index: Int) -> UnsafeMutablePointer<AVStream> {
        context.pointee.streams[index]!
    }

    /// The index of the file's main video stream.
    func videoStreamIndex() throws(MediaError) -> Int {
        let index = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, nil, 0)
        if index == CFFmpegErrorStreamNotFound { throw .noVideoStream(file: path) }
        return Int(try check(index, "av_find_best_stream(\(path))"))
    }

    /// Skips every stream but `index` when reading.
    func discardAllStreams(except index: Int) {
        for other in 0..<streamCount where other != index {
            stream(other).pointee.discard = AVDISCARD_ALL
        }
    }

    /// Reads the next packet into `packet`; false at the end of the file.
    func read(into packet: Packet) throws(MediaError) -> Bool {
        let status = av_read_frame(context, packet.pointer)
        if status == CFFmpegErrorEOF { return false }
        try check(status, "av_read_frame(\(path))")
        return true
    }
}

import CFFmpeg
import CFFmpegShims
import Foundation

/// Reads what a media file holds, and counts its frames exactly.
public enum Probe {
    /// The file's format, streams, chapters and tags.
    public static func info(_ url: URL) throws -> MediaInfo {
        beginOperation()
        let input = try InputFile(path: url.path)
        let context = input.context.pointee
        let streams = (0..<input.streamCount).map { streamInfo(input.stream($0)) }
        let chapters = (0..<Int(context.nb_chapters)).compactMap { index -> ChapterInfo? in
            guard let chapter = context.chapters[index]?.pointee else { return nil }
            return ChapterInfo(
                title: dictionary(chapter.metadata)["title"], timeBase: Rational(chapter.time_base),
                start: chapter.start, end: chapter.end)
        }
        return MediaInfo(
            formatName: String(cString: context.iformat.pointee.name),
            duration: context.duration == CFFmpegNoPTSValue ? nil : Double(context.duration) / Double(AV_TIME_BASE),
            startTime: context.start_time == CFFmpegNoPTSValue
                ? nil : Double(context.start_time) / Double(AV_TIME_BASE),
            streams: streams, chapters: chapters, metadata: dictionary(context.metadata))
    }

    /// The number of packets in a stream (the first video stream when `stream` is nil),
    /// read without decoding: the exact frame count of a video stream whose packets each
    /// hold one frame (H.264, MPEG-4, VP9, MJPEG…). Checks `Task.isCancelled` as it reads.
    public static func packetCount(_ url: URL, stream: Int? = nil) throws -> Int {
        beginOperation()
        let input = try InputFile(path: url.path)
        let index = try stream ?? input.videoStreamIndex()
        try checkStreamIndex(index, in: input)
        input.discardAllStreams(except: index)
        let packet = try Packet()
        var count = 0
        while try input.read(into: packet) {
            try checkCancellation()
            if packet.pointer.pointee.stream_index == index { count += 1 }
            packet.unref()
        }
        return count
    }

    /// The number of frames the decoder produces for a video stream (the first video
    /// stream when `stream` is nil): slow but exact for any codec. Checks
    /// `Task.isCancelled` as it decodes.
    public static func decodedFrameCount(_ url: URL, stream: Int? = nil) throws -> Int {
        beginOperation()
        let input = try InputFile(path: url.path)
        let index = try stream ?? input.videoStreamIndex()
        try checkStreamIndex(index, in: input)
        input.discardAllStreams(except: index)
        let decoder = try VideoDecoder(input: input, streamIndex: index)
        let packet = try Packet()
        let frame = try Frame()
        var count = 0
        var inputEnded = false
        while true {
            try checkCancellation()
            if !inputEnded {
                if try input.read(into: packet) {
                    if packet.pointer.pointee.stream_index == index { try decoder.send(packet) }
                    packet.unref()
                } else {
                    inputEnded = true
                    try decoder.send(nil)
                }
            }
            receiving: while true {
                switch try decoder.receive(into: frame) {
                case .frame:
                    count += 1
                    frame.unref()
                case .needsInput:
                    break receiving
                case .ended:
                    return count
                }
            }
        }
    }

    private static func checkStreamIndex(_ index: Int, in input: InputFile) throws {
        guard (0..<input.streamCount).contains(index) else {
            throw MediaError.invalidArgument("\(input.path) has no stream \(index)")
        }
    }

    private static func streamInfo(_ stream: UnsafeMutablePointer<AVStream>) -> StreamInfo {
        let parameters = stream.pointee.codecpar.pointee
        let kind: StreamKind =
            switch parameters.codec_type {
            case AVMEDIA_TYPE_VIDEO: .video
            case AVMEDIA_TYPE_AUDIO: .audio
            case AVMEDIA_TYPE_SUBTITLE: .subtitle
            case AVMEDIA_TYPE_DATA: .data
            case AVMEDIA_TYPE_ATTACHMENT: .attachment
            default: .unknown
            }
        let isVideo = kind == .video
        let timeBase = Rational(stream.pointee.time_base)
        func seconds(_ value: Int64) -> Double? {
            value == CFFmpegNoPTSValue ? nil : Double(value) * timeBase.doubleValue
        }
        let average = stream.pointee.avg_frame_rate
        let base = stream.pointee.r_frame_rate
        let rate = average.num > 0 && average.den > 0 ? average : base
        let pixelFormat = isVideo ? av_get_pix_fmt_name(AVPixelFormat(parameters.format)) : nil
        return StreamInfo(
            index: Int(stream.pointee.index), kind: kind,
            codecName: String(cString: avcodec_get_name(parameters.codec_id)),
            width: isVideo ? Int(parameters.width) : nil, height: isVideo ? Int(parameters.height) : nil,
            pixelFormat: pixelFormat.map { String(cString: $0) },
            frameRate: isVideo && rate.num > 0 && rate.den > 0 ? Rational(rate) : nil,
            timeBase: timeBase,
            declaredFrameCount: stream.pointee.nb_frames > 0 ? Int(stream.pointee.nb_frames) : nil,
            hasBFrames: Int(parameters.video_delay),
            duration: seconds(stream.pointee.duration), startTime: seconds(stream.pointee.start_time),
            metadata: dictionary(stream.pointee.metadata))
    }

    private static func dictionary(_ dictionary: OpaquePointer?) -> [String: String] {
        var result: [String: String] = [:]
        var entry: UnsafeMutablePointer<AVDictionaryEntry>?
        while let next = av_dict_get(dictionary, "", entry, AV_DICT_IGNORE_SUFFIX) {
            result[String(cString: next.pointee.key)] = String(cString: next.pointee.value)
            entry = next
        }
        return result
    }
}

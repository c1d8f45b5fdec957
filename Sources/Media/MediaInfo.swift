/// What a stream carries.
public enum StreamKind: String, Sendable, Codable, Hashable {
    case video, audio, subtitle, data, attachment, unknown
}

/// One stream of a probed file.
public struct StreamInfo: Sendable, Codable, Hashable {
    /// The stream's index in the file.
    public var index: Int
    /// Video, audio, subtitle…
    public var kind: StreamKind
    /// FFmpeg's short codec name: `h264`, `mov_text`, `aac`.
    public var codecName: String
    /// Picture width (video only).
    public var width: Int?
    /// Picture height (video only).
    public var height: Int?
    /// Pixel format name, `yuv420p` (video only, when known).
    public var pixelFormat: String?
    /// Frames per second (video only, when known): the average rate, else the base rate.
    public var frameRate: Rational?
    /// The unit of the stream's timestamps.
    public var timeBase: Rational
    /// The frame count the container declares, when it declares one (MP4 does). Not
    /// always exact for every container: see `Probe.packetCount` and
    /// `Probe.decodedFrameCount`.
    public var declaredFrameCount: Int?
    /// Frames the decoder delays output by for reordering; 0 without B-frames.
    public var hasBFrames: Int
    /// The stream's duration in seconds, when known.
    public var duration: Double?
    /// The stream's first timestamp in seconds, when known.
    public var startTime: Double?
    /// The stream's metadata tags (`timecode`, `language`, `handler_name`…).
    public var metadata: [String: String]
}

/// One chapter of a probed file.
public struct ChapterInfo: Sendable, Codable, Hashable {
    /// The chapter's `title` tag, if any.
    public var title: String?
    /// The unit of `start` and `end`.
    public var timeBase: Rational
    /// Where the chapter starts, in `timeBase` units.
    public var start: Int64
    /// Where the chapter ends, in `timeBase` units.
    public var end: Int64

    /// Where the chapter starts, in seconds.
    public var startSeconds: Double { Double(start) * timeBase.doubleValue }
    /// Where the chapter ends, in seconds.
    public var endSeconds: Double { Double(end) * timeBase.doubleValue }
}

/// What `Probe.info` finds in a file.
public struct MediaInfo: Sendable, Codable, Hashable {
    /// The demuxer's name(s): `mov,mp4,m4a,3gp,3g2,mj2`.
    public var formatName: String
    /// The file's duration in seconds, when known.
    public var duration: Double?
    /// The file's first timestamp in seconds, when known.
    public var startTime: Double?
    /// Every stream, in file order.
    public var streams: [StreamInfo]
    /// Every chapter, in file order.
    public var chapters: [ChapterInfo]
    /// The file's metadata tags.
    public var metadata: [String: String]

    /// The first video stream, if any.
    public var video: StreamInfo? { streams.first { $0.kind == .video } }
}

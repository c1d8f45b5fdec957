/// A failure of the media layer: an FFmpeg call that returned an error, an input that
/// cannot be used, or a file-system operation that failed.
public enum MediaError: Error, CustomStringConvertible, Sendable, Hashable {
    /// An FFmpeg call failed. `message` is FFmpeg's text for `code` (`av_strerror`);
    /// `log` holds the error messages FFmpeg logged on the failing thread, if any.
    case ffmpeg(call: String, code: Int32, message: String, log: String)
    /// A segment cannot be joined to the first segment by remuxing: `property` of `file`
    /// is `found` where the first segment has `expected`.
    case incompatibleSegment(file: String, property: String, expected: String, found: String)
    /// The file has no video stream.
    case noVideoStream(file: String)
    /// The file's video stream decoded to no frame at all.
    case noVideoFrames(file: String)
    /// A caller passed something the media layer cannot work with.
    case invalidArgument(String)
    /// A file-system operation (`operation` on `path`) failed with `errno`.
    case fileSystem(operation: String, path: String, errno: Int32, message: String)

    /// One line saying what failed and why.
    public var description: String {
        switch self {
        case let .ffmpeg(call, code, message, log):
            let detail = log.isEmpty ? "" : " (\(log.joinedLines))"
            return "\(call) failed: \(message) [\(code)]\(detail)"
        case let .incompatibleSegment(file, property, expected, found):
            return "\(file): cannot join by remuxing: \(property) is \(found), the first segment has \(expected)"
        case let .noVideoStream(file):
            return "\(file): no video stream"
        case let .noVideoFrames(file):
            return "\(file): the video stream has no decodable frame"
        case let .invalidArgument(text):
            return "invalid argument: \(text)"
        case let .fileSystem(operation, path, errno, message):
            return "\(operation) \(path) failed: \(message) [errno \(errno)]"
        }
    }
}

extension String {
    fileprivate var joinedLines: String {
        split(whereSeparator: \.isNewline).joined(separator: "; ")
    }
}

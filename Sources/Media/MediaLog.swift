import CFFmpeg
import CFFmpegShims

/// FFmpeg's own log output. Quiet by default: the media layer reports failures through
/// `MediaError` (which carries the error messages FFmpeg logged), never by printing.
public enum MediaLog {
    /// How much of FFmpeg's logging to print to standard error.
    public enum Level: Sendable, Hashable, CaseIterable {
        case quiet, error, warning, info, verbose, debug

        var avLevel: Int32 {
            switch self {
            case .quiet: AV_LOG_QUIET
            case .error: AV_LOG_ERROR
            case .warning: AV_LOG_WARNING
            case .info: AV_LOG_INFO
            case .verbose: AV_LOG_VERBOSE
            case .debug: AV_LOG_DEBUG
            }
        }
    }

    /// Prints FFmpeg's messages at `level` and more severe to standard error, process-wide.
    public static func setPrintLevel(_ level: Level) {
        cffmpeg_log_set_print_level(level.avLevel)
    }
}

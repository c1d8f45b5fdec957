import CFFmpeg
import CFFmpegShims

/// The text FFmpeg gives for an error code (`av_strerror`).
func ffmpegErrorText(_ code: Int32) -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    if av_strerror(code, &buffer, buffer.count) < 0 {
        return "error \(code)"
    }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// The error messages FFmpeg logged on this thread since the operation began; clears them.
func takeLoggedErrors() -> String {
    var buffer = [CChar](repeating: 0, count: 2048)
    let length = cffmpeg_log_take_errors(&buffer, buffer.count)
    return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// A `MediaError.ffmpeg` for `call` failing with `code`, with the messages FFmpeg logged.
func ffmpegError(_ call: String, _ code: Int32) -> MediaError {
    .ffmpeg(call: call, code: code, message: ffmpegErrorText(code), log: takeLoggedErrors())
}

/// Throws a `MediaError.ffmpeg` naming `call` when `code` is negative; returns it otherwise.
/// `call` is made only on failure: many name a file, and a feature's join and tracks pass
/// check hundreds of thousands of packet reads and writes.
@discardableResult
func check(_ code: Int32, _ call: @autoclosure () -> String) throws(MediaError) -> Int32 {
    if code < 0 { throw ffmpegError(call(), code) }
    return code
}

/// Unwraps the result of an FFmpeg allocation or look-up, or throws naming `call`.
func require<T>(_ value: T?, _ call: @autoclosure () -> String, code: Int32 = CFFmpegErrorNoMemory) throws(MediaError) -> T {
    guard let value else { throw ffmpegError(call(), code) }
    return value
}

/// Starts an operation: installs the quiet, capturing log callback and clears this
/// thread's captured messages.
func beginOperation() {
    cffmpeg_log_begin()
}


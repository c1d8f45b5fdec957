import CFFmpeg
import CFFmpegShims
import Foundation

/// Takes one frame out of a video file as a small picture: seeks to the keyframe before it
/// and decodes only from there to the frame.
///
/// The synchronous method blocks the calling thread and checks `Task.isCancelled` between
/// packets; the `async` one runs the same work on a thread of its own.
public enum FrameGrab {
    /// `frame(_:at:width:height:)` on a thread of its own.
    public static func frame(_ url: URL, at index: Int, width: Int, height: Int) async throws -> RGBImage {
        try await runOnOwnThread { try frame(url, at: index, width: width, height: height) }
    }

    /// Frame `index` (counted from zero) of the file's main video stream, scaled to exactly
    /// `width`×`height` (the caller keeps the aspect). The frame is found by its timestamp
    /// at the stream's frame rate; past the end, the last frame is taken.
    /// - Throws: `MediaError` (`noVideoStream`, `noVideoFrames`, FFmpeg failures), or
    ///   `CancellationError`.
    public static func frame(_ url: URL, at index: Int, width: Int, height: Int) throws -> RGBImage {
        guard index >= 0 else { throw MediaError.invalidArgument("frame index must not be negative, not \(index)") }
        guard width > 0, height > 0 else { throw MediaError.invalidArgument("thumbnail size \(width)x\(height)") }
        beginOperation()
        let input = try InputFile(path: url.path, analyze: false)
        let streamIndex = try input.videoStreamIndex()
        input.discardAllStreams(except: streamIndex)
        let stream = input.stream(streamIndex)
        let threshold = try seek(input, stream: stream, to: index)
        // One thread: a frame a keyframe away decodes in milliseconds, and every frame
        // thread would hold its own frame pool (grabs run side by side).
        let decoder = try VideoDecoder(input: input, streamIndex: streamIndex, threads: 1)
        let packet = try Packet()
        let decoded = try Frame()
        let held = try Frame()
        var decodedCount = 0
        var haveHeld = false
        var inputEnded = false
        grabbing: while true {
            try checkCancellation()
            try decoder.feed(from: input, stream: streamIndex, using: packet, inputEnded: &inputEnded)
            receiving: while true {
                switch try decoder.receive(into: decoded) {
                case .needsInput:
                    break receiving
                case .ended:
                    break grabbing
                case .frame:
                    held.unref()
                    av_frame_move_ref(held.pointer, decoded.pointer)
                    haveHeld = true
                    let reached = if let threshold {
                        held.pointer.pointee.pts != CFFmpegNoPTSValue && held.pointer.pointee.pts >= threshold
                    } else {
                        decodedCount == index
                    }
                    decodedCount += 1
                    if reached { break grabbing }
                }
            }
        }
        guard haveHeld else { throw MediaError.noVideoFrames(file: url.path) }
        let scaler = try PixelScaler(
            from: held.pointer.pointee.width, held.pointer.pointee.height, AVPixelFormat(held.pointer.pointee.format),
            to: Int32(width), Int32(height), AV_PIX_FMT_RGB24)
        let scaled = try scaler.convert(held)
        return RGBImage(rgbFrame: scaled)
    }

    /// Seeks to the keyframe at or before frame `index` and returns the smallest timestamp
    /// frame `index` can have (half a frame before its nominal time), or nil when the stream's
    /// rate is unknown or the frame is the first: then frames are counted from the start.
    private static func seek(_ input: InputFile, stream: UnsafeMutablePointer<AVStream>, to index: Int)
        throws(MediaError) -> Int64?
    {
        let rate = av_guess_frame_rate(input.context, stream, nil)
        guard index > 0, rate.num > 0, rate.den > 0 else { return nil }
        let timeBase = stream.pointee.time_base
        let start = stream.pointee.start_time == CFFmpegNoPTSValue ? 0 : stream.pointee.start_time
        let halfFrame = AVRational(num: rate.den, den: 2 * rate.num)
        let nominal = start + av_rescale_q(Int64(2 * index), halfFrame, timeBase)
        try check(
            av_seek_frame(input.context, Int32(stream.pointee.index), nominal, AVSEEK_FLAG_BACKWARD),
            "av_seek_frame(\(input.path))")
        return start + av_rescale_q(Int64(2 * index - 1), halfFrame, timeBase)
    }
}

import CFFmpeg

/// Owns one `AVFrame` for the length of an operation; frees it when released.
final class Frame {
    let pointer: UnsafeMutablePointer<AVFrame>

    init() throws(MediaError) {
        pointer = try require(av_frame_alloc(), "av_frame_alloc")
    }

    deinit {
        var frame: UnsafeMutablePointer<AVFrame>? = pointer
        av_frame_free(&frame)
    }

    /// Drops the frame's buffers, keeping the frame for reuse.
    func unref() {
        av_frame_unref(pointer)
    }
}

/// Owns one `AVPacket` for the length of an operation; frees it when released.
final class Packet {
    let pointer: UnsafeMutablePointer<AVPacket>

    init() throws(MediaError) {
        pointer = try require(av_packet_alloc(), "av_packet_alloc")
    }

    deinit {
        var packet: UnsafeMutablePointer<AVPacket>? = pointer
        av_packet_free(&packet)
    }

    /// Drops the packet's payload, keeping the packet for reuse.
    func unref() {
        av_packet_unref(pointer)
    }
}

import CFFmpeg
import CFFmpegShims

/// A decoded frame's luma plane as a frame of its own (8-bit grey), sharing the decoded
/// buffer: what `extractplanes=y` makes by copying the plane, which for a 1280×720 clip
/// was a twentieth of quality control's analysis (bench/README.md, "Quality control").
enum LumaView {
    /// The pixel formats whose first plane is 8-bit luma, a byte a pixel.
    private static let formats: Set<Int32> = Set([
        AV_PIX_FMT_YUV420P, AV_PIX_FMT_YUVJ420P, AV_PIX_FMT_YUV422P, AV_PIX_FMT_YUVJ422P, AV_PIX_FMT_YUV444P,
        AV_PIX_FMT_YUVJ444P, AV_PIX_FMT_GRAY8,
    ].map(\.rawValue))

    /// Whether frames of `format` have a luma plane the view can share.
    static func applies(to format: Int32) -> Bool { formats.contains(format) }

    /// Puts `frame`'s luma plane into `view` (its properties and timestamps too) and says
    /// so; false, leaving `view` empty, when the frame's format has no such plane.
    static func make(of frame: Frame, into view: Frame) throws(MediaError) -> Bool {
        view.unref()
        let source = frame.pointer
        guard applies(to: source.pointee.format), let plane = av_frame_get_plane_buffer(source, 0) else { return false }
        try check(av_frame_copy_props(view.pointer, source), "av_frame_copy_props")
        view.pointer.pointee.buf.0 = try require(av_buffer_ref(plane), "av_buffer_ref")
        view.pointer.pointee.data.0 = source.pointee.data.0
        view.pointer.pointee.linesize.0 = source.pointee.linesize.0
        view.pointer.pointee.width = source.pointee.width
        view.pointer.pointee.height = source.pointee.height
        view.pointer.pointee.format = AV_PIX_FMT_GRAY8.rawValue
        return true
    }
}

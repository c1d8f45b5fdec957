import CFFmpeg
import CFFmpegShims

/// Owns a `SwsContext` converting frames of one size and pixel format to another
/// (swscale, area averaging; full-range `yuvj` formats and limited-range `yuv` ones are told apart).
final class PixelScaler {
    private let context: OpaquePointer
    private let targetWidth: Int32
    private let targetHeight: Int32
    private let targetFormat: AVPixelFormat

    init(
        from width: Int32, _ height: Int32, _ format: AVPixelFormat,
        to targetWidth: Int32, _ targetHeight: Int32, _ targetFormat: AVPixelFormat
    ) throws(MediaError) {
        guard width > 0, height > 0, targetWidth > 0, targetHeight > 0 else {
            throw .invalidArgument("cannot scale \(width)x\(height) to \(targetWidth)x\(targetHeight)")
        }
        context = try require(
            sws_getContext(
                width, height, format, targetWidth, targetHeight, targetFormat,
                SWS_AREA, nil, nil, nil),
            "sws_getContext")
        self.targetWidth = targetWidth
        self.targetHeight = targetHeight
        self.targetFormat = targetFormat
    }

    deinit {
        sws_freeContext(context)
    }

    /// A new frame holding `frame` converted.
    func convert(_ input: Frame) throws(MediaError) -> Frame {
        let output = try Frame()
        output.pointer.pointee.width = targetWidth
        output.pointer.pointee.height = targetHeight
        output.pointer.pointee.format = targetFormat.rawValue
        try check(av_frame_get_buffer(output.pointer, 0), "av_frame_get_buffer")
        let source = input.pointer.pointee
        let target = output.pointer.pointee
        let sourceData: [UnsafePointer<UInt8>?] = [source.data.0, source.data.1, source.data.2, source.data.3].map {
            $0.map { UnsafePointer($0) }
        }
        let sourceStrides = [source.linesize.0, source.linesize.1, source.linesize.2, source.linesize.3]
        let targetData = [target.data.0, target.data.1, target.data.2, target.data.3]
        let targetStrides = [target.linesize.0, target.linesize.1, target.linesize.2, target.linesize.3]
        try check(
            sws_scale(context, sourceData, sourceStrides, 0, source.height, targetData, targetStrides), "sws_scale")
        withExtendedLifetime(input) {}
        return output
    }
}

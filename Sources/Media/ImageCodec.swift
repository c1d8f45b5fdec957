import CFFmpeg
import CFFmpegShims
import Foundation

/// Still pictures to and from image files, through FFmpeg's `png` and `mjpeg` codecs.
public enum ImageCodec {
    /// The picture as a PNG file (8-bit RGB). `compression` is zlib's level, 0–9: 1 is
    /// several times faster than the default and a little larger.
    public static func png(_ image: RGBImage, compression: Int = 1) throws -> Data {
        beginOperation()
        return try png(frame: try image.makeFrame(), compression: compression)
    }

    /// An `AV_PIX_FMT_RGB24` frame as a PNG file.
    static func png(frame: Frame, compression: Int = 1) throws(MediaError) -> Data {
        try encode(frame, encoder: "png", pixelFormat: AV_PIX_FMT_RGB24) { codec in
            codec.pointee.compression_level = Int32(compression)
        }
    }

    /// The picture as a baseline JPEG file (4:2:0, full range). `quality` is the quantiser
    /// scale, 2 (best, largest) to 31.
    public static func jpeg(_ image: RGBImage, quality: Int = 4) throws -> Data {
        guard (2...31).contains(quality) else { throw MediaError.invalidArgument("JPEG quality must be 2–31, not \(quality)") }
        beginOperation()
        let frame = try image.makeFrame()
        let scaler = try PixelScaler(
            from: Int32(image.width), Int32(image.height), AV_PIX_FMT_RGB24,
            to: Int32(image.width), Int32(image.height), AV_PIX_FMT_YUVJ420P)
        let converted = try scaler.convert(frame)
        converted.pointer.pointee.quality = Int32(quality) * FF_QP2LAMBDA
        return try encode(converted, encoder: "mjpeg", pixelFormat: AV_PIX_FMT_YUVJ420P) { codec in
            codec.pointee.flags |= AV_CODEC_FLAG_QSCALE
            codec.pointee.global_quality = Int32(quality) * FF_QP2LAMBDA
            codec.pointee.color_range = AVCOL_RANGE_JPEG
        }
    }

    /// Decodes a PNG or JPEG file's bytes to RGB.
    /// - Throws: `MediaError.invalidArgument` for other data, or the decoder's failure.
    public static func decode(_ data: Data) throws -> RGBImage {
        let codecID: AVCodecID
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            codecID = AV_CODEC_ID_PNG
        } else if data.starts(with: [0xFF, 0xD8]) {
            codecID = AV_CODEC_ID_MJPEG
        } else {
            throw MediaError.invalidArgument("not a PNG or JPEG image (\(data.count) bytes)")
        }
        beginOperation()
        let decoder = try require(
            avcodec_find_decoder(codecID), "avcodec_find_decoder(\(String(cString: avcodec_get_name(codecID))))",
            code: CFFmpegErrorDecoderNotFound)
        let context = try require(avcodec_alloc_context3(decoder), "avcodec_alloc_context3")
        var owned: UnsafeMutablePointer<AVCodecContext>? = context
        defer { avcodec_free_context(&owned) }
        try check(avcodec_open2(context, decoder, nil), "avcodec_open2")
        let packet = try Packet()
        try check(av_new_packet(packet.pointer, Int32(data.count)), "av_new_packet")
        data.copyBytes(to: packet.pointer.pointee.data, count: data.count)
        try check(avcodec_send_packet(context, packet.pointer), "avcodec_send_packet")
        try check(avcodec_send_packet(context, nil), "avcodec_send_packet")
        let frame = try Frame()
        try check(avcodec_receive_frame(context, frame.pointer), "avcodec_receive_frame")
        let picture = frame.pointer.pointee
        if picture.format == AV_PIX_FMT_RGB24.rawValue { return RGBImage(rgbFrame: frame) }
        let scaler = try PixelScaler(
            from: picture.width, picture.height, AVPixelFormat(picture.format),
            to: picture.width, picture.height, AV_PIX_FMT_RGB24)
        return RGBImage(rgbFrame: try scaler.convert(frame))
    }

    /// Encodes one frame with the still-image encoder `name` and returns the packet's bytes.
    private static func encode(
        _ owner: Frame, encoder name: String, pixelFormat: AVPixelFormat,
        configure: (UnsafeMutablePointer<AVCodecContext>) -> Void
    ) throws(MediaError) -> Data {
        let frame = owner.pointer
        defer { withExtendedLifetime(owner) {} }
        let encoder = try require(
            avcodec_find_encoder_by_name(name), "avcodec_find_encoder_by_name(\(name))", code: CFFmpegErrorEncoderNotFound)
        let context = try require(avcodec_alloc_context3(encoder), "avcodec_alloc_context3")
        var owned: UnsafeMutablePointer<AVCodecContext>? = context
        defer { avcodec_free_context(&owned) }
        context.pointee.width = frame.pointee.width
        context.pointee.height = frame.pointee.height
        context.pointee.pix_fmt = pixelFormat
        context.pointee.time_base = AVRational(num: 1, den: 1)
        context.pointee.flags |= AV_CODEC_FLAG_BITEXACT
        configure(context)
        try check(avcodec_open2(context, encoder, nil), "avcodec_open2(\(name))")
        frame.pointee.pts = 0
        try check(avcodec_send_frame(context, frame), "avcodec_send_frame")
        try check(avcodec_send_frame(context, nil), "avcodec_send_frame")
        let packet = try Packet()
        try check(avcodec_receive_packet(context, packet.pointer), "avcodec_receive_packet")
        return Data(bytes: packet.pointer.pointee.data, count: Int(packet.pointer.pointee.size))
    }
}

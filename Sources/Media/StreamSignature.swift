import CFFmpeg

/// The properties of a stream that must match for segments to join by remuxing.
struct StreamSignature: Equatable {
    var kind: String
    var codec: String
    var width: Int32
    var height: Int32
    var pixelFormat: String
    var timeBase: Rational
    var frameRate: Rational
    var extradata: [UInt8]

    init(_ stream: UnsafeMutablePointer<AVStream>) {
        let parameters = stream.pointee.codecpar.pointee
        kind = av_get_media_type_string(parameters.codec_type).map { String(cString: $0) } ?? "unknown"
        codec = String(cString: avcodec_get_name(parameters.codec_id))
        width = parameters.width
        height = parameters.height
        pixelFormat =
            parameters.codec_type == AVMEDIA_TYPE_VIDEO
            ? av_get_pix_fmt_name(AVPixelFormat(parameters.format)).map { String(cString: $0) } ?? "none" : "-"
        timeBase = Rational(stream.pointee.time_base)
        frameRate = Rational(stream.pointee.avg_frame_rate)
        extradata =
            parameters.extradata.map { Array(UnsafeBufferPointer(start: $0, count: Int(parameters.extradata_size))) }
            ?? []
    }

    /// Throws `incompatibleSegment` naming `file` and the first property of `signatures`
    /// that differs from `reference`.
    static func compare(_ signatures: [StreamSignature], with reference: [StreamSignature], file: String)
        throws(MediaError)
    {
        guard signatures.count == reference.count else {
            throw .incompatibleSegment(
                file: file, property: "stream count", expected: "\(reference.count)", found: "\(signatures.count)")
        }
        for (index, (found, expected)) in zip(signatures, reference).enumerated() {
            let properties: [(String, String, String)] = [
                ("kind", expected.kind, found.kind),
                ("codec", expected.codec, found.codec),
                ("size", "\(expected.width)x\(expected.height)", "\(found.width)x\(found.height)"),
                ("pixel format", expected.pixelFormat, found.pixelFormat),
                ("time base", "\(expected.timeBase)", "\(found.timeBase)"),
                ("frame rate", "\(expected.frameRate)", "\(found.frameRate)"),
                ("extradata", describe(expected.extradata), describe(found.extradata)),
            ]
            for (property, expectedValue, foundValue) in properties where expectedValue != foundValue {
                throw .incompatibleSegment(
                    file: file, property: "stream \(index) \(property)", expected: expectedValue, found: foundValue)
            }
        }
    }

    private static func describe(_ bytes: [UInt8]) -> String {
        "\(bytes.count) bytes " + bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

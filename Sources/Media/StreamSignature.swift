import CFFmpeg

/// The properties of a stream that must match for segments to join by remuxing.
///
/// The pixel format is known only after decoding the start of a stream
/// (`avformat_find_stream_info`), which costs far more than opening an MP4. For codecs
/// whose extradata holds the sequence parameters (H.264's avcC, HEVC's hvcC carry the
/// chroma format and bit depth), equal extradata already implies an equal pixel format,
/// so a segment read without that analysis is compared on everything else
/// (`pixelFormat == nil`).
struct StreamSignature: Equatable {
    var kind: String
    var codec: String
    var width: Int32
    var height: Int32
    /// nil when the stream was not analysed (see above).
    var pixelFormat: String?
    var timeBase: Rational
    var frameRate: Rational
    var extradata: [UInt8]

    /// The signature of `stream`; `analyzed` says whether its parameters were completed
    /// by decoding (otherwise its pixel format is left unknown).
    init(_ stream: UnsafeMutablePointer<AVStream>, analyzed: Bool = true) {
        let parameters = stream.pointee.codecpar.pointee
        kind = av_get_media_type_string(parameters.codec_type).map { String(cString: $0) } ?? "unknown"
        codec = String(cString: avcodec_get_name(parameters.codec_id))
        width = parameters.width
        height = parameters.height
        pixelFormat =
            parameters.codec_type != AVMEDIA_TYPE_VIDEO
            ? "-" : analyzed ? av_get_pix_fmt_name(AVPixelFormat(parameters.format)).map { String(cString: $0) } ?? "none" : nil
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
                ("pixel format", expected.pixelFormat ?? "-", found.pixelFormat ?? expected.pixelFormat ?? "-"),
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

    /// Whether a stream with these codec parameters can be compared without analysing it:
    /// a video codec whose extradata carries its sequence parameters, or any other kind.
    static func comparableUnanalyzed(_ parameters: AVCodecParameters) -> Bool {
        guard parameters.codec_type == AVMEDIA_TYPE_VIDEO else { return true }
        let carriesSequenceParameters = parameters.codec_id == AV_CODEC_ID_H264 || parameters.codec_id == AV_CODEC_ID_HEVC
        return carriesSequenceParameters && parameters.extradata_size > 0 && parameters.width > 0 && parameters.height > 0
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

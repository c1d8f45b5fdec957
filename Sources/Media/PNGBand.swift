import CZlib
import Foundation

/// Rows of an 8-bit RGB PNG, each behind its filter byte (0: none), deflated on their own: a
/// raw deflate stream that refers to no byte before the band, ended by a sync flush (byte
/// aligned, not final), with the Adler-32 of the filtered bytes. Bands concatenated in order
/// make the body of a picture's zlib stream (pigz's method; `BandedPNG`), so a band deflated
/// once can be spliced into any picture that shows the same rows.
public struct PNGBand: Sendable, Hashable {
    /// The band's deflate blocks.
    public let deflated: Data
    /// The Adler-32 of the filtered rows.
    public let adler: UInt32
    /// How many filtered bytes the band holds: `rows * (1 + 3 * width)`.
    public let rawCount: Int

    /// The first bytes of a file of bands, with its version.
    private static let magic = Data("PNGbands1\n".utf8)

    /// `bands` as one file: `magic`, the number of bands, each band's Adler-32, filtered
    /// length and deflated length (big-endian), then their deflated bytes in order.
    public static func file(of bands: [PNGBand]) -> Data {
        var data = magic
        data.appendBigEndian(UInt32(bands.count))
        for band in bands {
            data.appendBigEndian(band.adler)
            data.appendBigEndian(UInt64(band.rawCount))
            data.appendBigEndian(UInt64(band.deflated.count))
        }
        for band in bands { data.append(band.deflated) }
        return data
    }

    /// The bands of a file `file(of:)` wrote; nil unless it is one.
    public static func bands(fromFile data: Data) -> [PNGBand]? {
        var reader = BigEndianReader(data: data)
        guard reader.bytes(magic.count) == magic, let count = reader.integer(UInt32.self), count < 1 << 20 else { return nil }
        var headers: [(adler: UInt32, rawCount: Int, size: Int)] = []
        for _ in 0..<count {
            guard let adler = reader.integer(UInt32.self), let raw = reader.integer(UInt64.self), raw < 1 << 40,
                let size = reader.integer(UInt64.self), size < 1 << 40
            else { return nil }
            headers.append((adler, Int(raw), Int(size)))
        }
        var bands: [PNGBand] = []
        for header in headers {
            guard let deflated = reader.bytes(header.size) else { return nil }
            bands.append(PNGBand(deflated: deflated, adler: header.adler, rawCount: header.rawCount))
        }
        return reader.atEnd ? bands : nil
    }

    init(deflated: Data, adler: UInt32, rawCount: Int) {
        self.deflated = deflated
        self.adler = adler
        self.rawCount = rawCount
    }
}

/// Deflates RGB rows into `PNGBand`s at zlib's level 1 (FFmpeg's PNG encoder's level here):
/// one stream, reset for every band, and its buffers, reused.
final class BandDeflater {
    private let stream: UnsafeMutablePointer<z_stream>
    /// The filtered rows of a band, and its deflated bytes: reused, band after band.
    private var filtered: [UInt8] = []
    private var output: [UInt8] = []

    init() throws(MediaError) {
        // zlib keeps a pointer to the stream in its state: it must not move.
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = deflateInit2_(
            stream, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw .invalidArgument("zlib's deflateInit2 failed (\(status))")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// The `rows` rows of `width` RGB pixels at `base`, `stride` bytes apart, as a band.
    func band(_ base: UnsafePointer<UInt8>, stride: Int, width: Int, rows: Int) throws(MediaError) -> PNGBand {
        let rowBytes = 3 * width
        let rawCount = rows * (rowBytes + 1)
        if filtered.count < rawCount { filtered = [UInt8](repeating: 0, count: rawCount) }
        return try filtered.withUnsafeMutableBufferPointer { (buffer) throws(MediaError) -> PNGBand in
            let raw = buffer.baseAddress!
            for row in 0..<rows {
                let line = raw + row * (rowBytes + 1)
                line[0] = 0
                (line + 1).update(from: base + row * stride, count: rowBytes)
            }
            let adler = UInt32(adler32(1, raw, UInt32(rawCount)))
            guard deflateReset(stream) == Z_OK else { throw .invalidArgument("zlib's deflateReset failed") }
            // A sync flush adds an empty stored block (5 bytes) to what the bound allows.
            let capacity = Int(deflateBound(stream, UInt(rawCount))) + 16
            if output.count < capacity { output = [UInt8](repeating: 0, count: capacity) }
            return try output.withUnsafeMutableBufferPointer { (out) throws(MediaError) -> PNGBand in
                stream.pointee.next_in = raw
                stream.pointee.avail_in = UInt32(rawCount)
                stream.pointee.next_out = out.baseAddress!
                stream.pointee.avail_out = UInt32(capacity)
                let status = deflate(stream, Z_SYNC_FLUSH)
                guard status == Z_OK, stream.pointee.avail_in == 0, stream.pointee.avail_out > 0 else {
                    throw .invalidArgument("zlib's deflate failed (\(status))")
                }
                let deflated = Data(bytes: out.baseAddress!, count: capacity - Int(stream.pointee.avail_out))
                return PNGBand(deflated: deflated, adler: adler, rawCount: rawCount)
            }
        }
    }

    /// The rows `from`..<`from + rows` of an RGB frame as a band.
    func band(of frame: Frame, from: Int, rows: Int) throws(MediaError) -> PNGBand {
        let stride = Int(frame.pointer.pointee.linesize.0)
        defer { withExtendedLifetime(frame) {} }
        return try band(
            frame.pointer.pointee.data.0! + from * stride, stride: stride, width: Int(frame.pointer.pointee.width), rows: rows)
    }
}

/// Reads big-endian integers and runs of bytes from the start of `data`; nil past its end.
private struct BigEndianReader {
    let data: Data
    var offset = 0

    var atEnd: Bool { offset == data.count }

    mutating func bytes(_ count: Int) -> Data? {
        guard count >= 0, count <= data.count - offset else { return nil }
        defer { offset += count }
        return data.subdata(in: data.startIndex + offset..<data.startIndex + offset + count)
    }

    mutating func integer<Value: FixedWidthInteger>(_: Value.Type) -> Value? {
        bytes(MemoryLayout<Value>.size).map { $0.reduce(Value.zero) { $0 << 8 | Value($1) } }
    }
}

extension Data {
    mutating func appendBigEndian<Value: FixedWidthInteger>(_ value: Value) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}

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

    /// The first bytes of a band's file form, with its version.
    private static let magic = Data("PNGband1".utf8)

    /// The band as a file: `magic`, the Adler-32 and the filtered length (big-endian), then
    /// the deflated bytes.
    public var fileData: Data {
        var data = Self.magic
        data.appendBigEndian(UInt32(adler))
        data.appendBigEndian(UInt64(rawCount))
        data.append(deflated)
        return data
    }

    /// A band from its file form; nil unless it is one.
    public init?(fileData data: Data) {
        let header = Self.magic.count + 12
        guard data.count > header, data.prefix(Self.magic.count) == Self.magic else { return nil }
        let bytes = [UInt8](data[data.startIndex + Self.magic.count..<data.startIndex + header])
        adler = bytes[0..<4].reduce(0) { $0 << 8 | UInt32($1) }
        let raw = bytes[4..<12].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard raw > 0, raw < UInt64(Int.max) else { return nil }
        rawCount = Int(raw)
        deflated = Data(data[(data.startIndex + header)...])
    }

    init(deflated: Data, adler: UInt32, rawCount: Int) {
        self.deflated = deflated
        self.adler = adler
        self.rawCount = rawCount
    }
}

/// Deflates RGB rows into `PNGBand`s at zlib's level 1 (FFmpeg's PNG encoder's level here):
/// one stream, reset for every band, and one buffer for the filtered rows, reused.
final class BandDeflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var filtered: [UInt8] = []

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
            var output = Data(count: capacity)
            let status = output.withUnsafeMutableBytes { out in
                stream.pointee.next_in = raw
                stream.pointee.avail_in = UInt32(rawCount)
                stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
                stream.pointee.avail_out = UInt32(capacity)
                return deflate(stream, Z_SYNC_FLUSH)
            }
            guard status == Z_OK, stream.pointee.avail_in == 0, stream.pointee.avail_out > 0 else {
                throw .invalidArgument("zlib's deflate failed (\(status))")
            }
            output.count = capacity - Int(stream.pointee.avail_out)
            return PNGBand(deflated: output, adler: adler, rawCount: rawCount)
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

extension Data {
    mutating func appendBigEndian<Value: FixedWidthInteger>(_ value: Value) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}

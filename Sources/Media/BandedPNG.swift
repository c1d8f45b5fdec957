import CZlib
import Foundation

/// An 8-bit RGB PNG whose one IDAT chunk is a zlib stream made of `PNGBand`s: the zlib header,
/// the bands' deflate blocks in order, an empty final block, and the Adler-32 of all rows
/// combined from the bands' own (`adler32_combine`), so no row is read or deflated again.
enum BandedPNG {
    /// The `width`×`height` picture whose rows are `bands`, top to bottom.
    /// - Throws: `MediaError.invalidArgument` when the bands do not hold exactly its rows.
    static func png(width: Int, height: Int, bands: [PNGBand]) throws(MediaError) -> Data {
        let rawCount = height * (1 + 3 * width)
        guard width > 0, height > 0, bands.reduce(0, { $0 + $1.rawCount }) == rawCount else {
            throw .invalidArgument("bands of \(bands.reduce(0) { $0 + $1.rawCount }) bytes for a \(width)x\(height) picture")
        }
        var header = Data()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header.append(contentsOf: [8, 2, 0, 0, 0])  // 8 bits, RGB, deflate, filtered by row, not interlaced
        var stream = Data([0x78, 0x01])  // deflate, 32 KiB window, fastest level
        stream.reserveCapacity(bands.reduce(12) { $0 + $1.deflated.count })
        var adler: UInt = 1
        for band in bands {
            stream.append(band.deflated)
            adler = adler32_combine(adler, UInt(band.adler), band.rawCount)
        }
        stream.append(contentsOf: [0x03, 0x00])  // an empty final block, fixed codes
        stream.appendBigEndian(UInt32(truncatingIfNeeded: adler))
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        png.reserveCapacity(stream.count + 64)
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", stream, to: &png)
        appendChunk("IEND", Data(), to: &png)
        return png
    }

    private static func appendChunk(_ type: String, _ body: Data, to png: inout Data) {
        let name = Data(type.utf8)
        png.appendBigEndian(UInt32(body.count))
        png.append(name)
        png.append(body)
        var crc = name.withUnsafeBytes { crc32(0, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt32(name.count)) }
        crc = body.withUnsafeBytes { bytes in
            bytes.isEmpty ? crc : crc32(crc, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt32(bytes.count))
        }
        png.appendBigEndian(UInt32(truncatingIfNeeded: crc))
    }
}

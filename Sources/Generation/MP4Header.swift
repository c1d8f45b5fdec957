import Foundation
import Media

/// What a clip's MP4 header says about its first video track: picture size and sample
/// (frame) count, read from the `moov` box alone without opening a decoder, so the cache
/// can check thousands of entries in a fraction of a second.
///
/// A file cut short anywhere lacks a complete `moov` box (the muxer writes it last) and
/// reads as nil, as does anything that is not an MP4 with a video track.
public struct MP4Header: Equatable, Sendable {
    /// The track's picture size.
    public var width: Int
    public var height: Int
    /// The track's sample count from `stsz`: its frame count for H.264.
    public var frames: Int

    /// The header of the MP4 file at `path`; nil when there is no complete `moov` box with
    /// a video track.
    public static func read(_ path: String) -> MP4Header? {
        // Only a regular file, opened without blocking: a FIFO in its place must not hang.
        guard let (descriptor, status) = RegularFile.open(path) else { return nil }
        defer { close(descriptor) }
        let fileSize = Int64(status.st_size)
        var offset: Int64 = 0
        while offset + 8 <= fileSize {
            guard let header = readBytes(descriptor, at: offset, count: 16) , header.count >= 8 else { return nil }
            var size = Int64(bigEndian32(header, 0))
            var headerLength: Int64 = 8
            if size == 1 {
                guard header.count == 16 else { return nil }
                size = Int64(bitPattern: UInt64(bigEndian32(header, 8)) << 32 | UInt64(bigEndian32(header, 12)))
                headerLength = 16
            } else if size == 0 {
                size = fileSize - offset
            }
            guard size >= headerLength, offset + size <= fileSize else { return nil }
            if header[4..<8].elementsEqual("moov".utf8) {
                guard size < 64 << 20, let moov = readBytes(descriptor, at: offset + headerLength, count: Int(size - headerLength))
                else { return nil }
                return videoTrack(in: moov)
            }
            offset += size
        }
        return nil
    }

    /// The first `trak` in `moov` whose handler is `vide`.
    private static func videoTrack(in moov: [UInt8]) -> MP4Header? {
        for trak in boxes(moov[...], type: "trak") {
            guard let mdia = boxes(trak, type: "mdia").first,
                let handler = boxes(mdia, type: "hdlr").first, handler.count >= 12,
                handler[handler.startIndex + 8..<handler.startIndex + 12].elementsEqual("vide".utf8),
                let tkhd = boxes(trak, type: "tkhd").first, let version = tkhd.first,
                let minf = boxes(mdia, type: "minf").first, let stbl = boxes(minf, type: "stbl").first,
                let stsz = boxes(stbl, type: "stsz").first, stsz.count >= 12
            else { continue }
            let sizeOffset = version == 1 ? 88 : 76
            guard tkhd.count >= sizeOffset + 8 else { return nil }
            let base = tkhd.startIndex
            return MP4Header(
                width: Int(bigEndian32(tkhd, base + sizeOffset) >> 16),
                height: Int(bigEndian32(tkhd, base + sizeOffset + 4) >> 16),
                frames: Int(bigEndian32(stsz, stsz.startIndex + 8)))
        }
        return nil
    }

    /// The payloads of the boxes of `type` directly inside `data`.
    private static func boxes(_ data: ArraySlice<UInt8>, type: String) -> [ArraySlice<UInt8>] {
        var found: [ArraySlice<UInt8>] = []
        var offset = data.startIndex
        while offset + 8 <= data.endIndex {
            let size = Int(bigEndian32(data, offset))
            guard size >= 8, offset + size <= data.endIndex else { break }
            if data[offset + 4..<offset + 8].elementsEqual(type.utf8) { found.append(data[offset + 8..<offset + size]) }
            offset += size
        }
        return found
    }

    private static func bigEndian32<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ index: Bytes.Index) -> UInt32
    where Bytes.Index == Int {
        (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[index + $1]) }
    }

    private static func readBytes(_ descriptor: Int32, at offset: Int64, count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        let read = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        guard read >= 0 else { return nil }
        return Array(buffer.prefix(read))
    }
}

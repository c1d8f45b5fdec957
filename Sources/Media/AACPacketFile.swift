import Foundation

/// A run of raw AAC packets in a file: `AACP`, the count (32-bit little-endian), each
/// packet's size, then the packets. A chunk's encoded packets are kept so (`AudioTrack`).
enum AACPacketFile {
    private static let magic = Data("AACP".utf8)

    /// Writes `packets` to `url` atomically.
    static func write(_ packets: [Data], to url: URL) throws {
        var data = magic
        func append(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { data.append(contentsOf: $0) } }
        append(packets.count)
        for packet in packets { append(packet.count) }
        for packet in packets { data.append(packet) }
        try writeAtomically(to: url) { path in try data.write(to: URL(fileURLWithPath: path)) }
    }

    /// The packets of a file, read at once: its bytes and where each packet lies in them
    /// (one buffer for all, not one allocation a packet).
    struct Packets {
        let bytes: Data
        let ranges: [Range<Int>]
    }

    /// The packets in `url`.
    /// - Throws: `MediaError.invalidArgument` when it is not such a file.
    static func read(_ url: URL) throws -> Packets {
        let data = try Data(contentsOf: url)
        func value(at offset: Int) -> Int? {
            guard offset + 4 <= data.count else { return nil }
            return Int(UInt32(littleEndian: data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }))
        }
        guard data.prefix(4) == magic, let count = value(at: 4) else {
            throw MediaError.invalidArgument("\(url.path) is not an AAC packet file")
        }
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(count)
        var offset = 8 + 4 * count
        for index in 0..<count {
            guard let size = value(at: 8 + 4 * index), offset + size <= data.count else {
                throw MediaError.invalidArgument("\(url.path) is cut short")
            }
            ranges.append(offset..<(offset + size))
            offset += size
        }
        return Packets(bytes: data, ranges: ranges)
    }
}

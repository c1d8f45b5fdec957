/// One RFC 6455 frame: what the client sends (always masked, section 5.3) and what it reads
/// from the server (never masked, but a masked one is unmasked rather than refused).
struct WebSocketFrame: Equatable {
    /// The opcodes a client meets (section 5.2).
    enum Opcode: UInt8 {
        case continuation = 0x0, text = 0x1, binary = 0x2, close = 0x8, ping = 0x9, pong = 0xA
    }

    /// Whether this is the last frame of its message.
    var isFinal: Bool
    var opcode: Opcode
    var payload: [UInt8]

    /// The frame as the client sends it, masked with `mask`.
    func encoded(mask: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [(isFinal ? 0x80 : 0) | opcode.rawValue]
        let count = payload.count
        switch count {
        case 0..<126: bytes.append(0x80 | UInt8(count))
        case 126...0xFFFF: bytes += [0x80 | 126, UInt8(count >> 8), UInt8(count & 0xFF)]
        default:
            bytes.append(0x80 | 127)
            bytes += (0..<8).reversed().map { UInt8(truncatingIfNeeded: UInt64(count) >> UInt64($0 * 8)) }
        }
        bytes += mask
        bytes += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        return bytes
    }

    /// Why bytes are not a frame the client takes.
    enum ParseError: Error, Equatable {
        /// An opcode RFC 6455 reserves, or reserved bits set without an extension.
        case unknownOpcode(UInt8)
        /// A frame longer than the client takes.
        case tooLong(UInt64)
    }

    /// The first frame in `buffer` and how many bytes it took; nil when the buffer does not
    /// hold a whole frame yet. Frames longer than `limit` bytes are refused.
    static func parse(_ buffer: ArraySlice<UInt8>, limit: Int) throws(ParseError) -> (WebSocketFrame, Int)? {
        guard buffer.count >= 2 else { return nil }
        let start = buffer.startIndex
        let first = buffer[start], second = buffer[start + 1]
        guard first & 0x70 == 0, let opcode = Opcode(rawValue: first & 0x0F) else { throw .unknownOpcode(first) }
        var offset = 2
        var length = UInt64(second & 0x7F)
        let extra = length == 126 ? 2 : length == 127 ? 8 : 0
        guard buffer.count >= offset + extra else { return nil }
        if extra > 0 {
            length = (0..<extra).reduce(UInt64(0)) { $0 << 8 | UInt64(buffer[start + offset + $1]) }
            offset += extra
        }
        guard length <= UInt64(limit) else { throw .tooLong(length) }
        let masked = second & 0x80 != 0
        let mask = masked ? Array(buffer[(start + offset)..<min(buffer.endIndex, start + offset + 4)]) : []
        if masked { offset += 4 }
        guard buffer.count >= offset + Int(length) else { return nil }
        var payload = Array(buffer[(start + offset)..<(start + offset + Int(length))])
        if masked { for index in payload.indices { payload[index] ^= mask[index % 4] } }
        return (WebSocketFrame(isFinal: first & 0x80 != 0, opcode: opcode, payload: payload), offset + Int(length))
    }
}

/// SHA-1's padding (FIPS 180-4, 5.1.1): a 1 bit, zeros, and the message's length in bits as
/// a 64-bit big-endian number, to a whole number of 64-byte blocks; and how it reads a block
/// (5.2.1: sixteen big-endian 32-bit words). SHA-256's are the CSHA256 target's.
enum MessagePadding {
    /// `bytes` padded to whole 64-byte blocks.
    static func padded<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var message = Array(bytes)
        let bitLength = UInt64(message.count) &* 8
        message.append(0x80)
        while message.count % 64 != 56 { message.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { message.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        return message
    }

    /// Puts the 64-byte block of `message` at `offset` into `words[0..<16]`, big-endian.
    static func loadBlock(_ message: [UInt8], at offset: Int, into words: inout [UInt32]) {
        for index in 0..<16 {
            let base = offset + index * 4
            words[index] =
                UInt32(message[base]) << 24 | UInt32(message[base + 1]) << 16 | UInt32(message[base + 2]) << 8
                | UInt32(message[base + 3])
        }
    }
}

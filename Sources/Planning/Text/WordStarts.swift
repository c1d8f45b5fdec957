/// The first two bytes of every word of an ASCII text, to rule out most vocabulary terms
/// before `TextMeasure.contains` searches for them: a term that starts with a letter or
/// digit matches only where a word starts (the scalar before is not part of a word), so its
/// first two bytes must be one of these pairs. Text with other bytes rules out nothing.
struct WordStarts {
    /// A 4,096-bit set of the pairs (six low bits of each byte); sharing bits only lets more through.
    private var bits: [UInt64]?

    init(_ text: String) {
        guard TextMeasure.isASCII(text) else { return }
        var bits = [UInt64](repeating: 0, count: 64)
        var text = text
        text.withUTF8 { bytes in
            for index in bytes.indices where Self.isWordByte(bytes[index]) && (index == 0 || !Self.isWordByte(bytes[index - 1])) {
                let key = Self.key(bytes[index], index + 1 < bytes.count ? bytes[index + 1] : 0)
                bits[key >> 6] |= 1 << (key & 63)
            }
        }
        self.bits = bits
    }

    /// False when `term` (lowercase, like the text) surely does not occur in the text as
    /// `TextMeasure.contains` finds it.
    func mayContain(_ term: String) -> Bool {
        guard let bits else { return true }
        let utf8 = term.utf8
        guard let first = utf8.first, Self.isWordByte(first), utf8.count >= 2 else { return true }
        let key = Self.key(first, utf8[utf8.index(after: utf8.startIndex)])
        return bits[key >> 6] & (1 << (key & 63)) != 0
    }

    private static func key(_ first: UInt8, _ second: UInt8) -> Int {
        Int(first & 0x3F) << 6 | Int(second & 0x3F)
    }

    /// ASCII letters and digits, the word bytes of ASCII text for `TextMeasure`'s boundaries.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10
    }
}

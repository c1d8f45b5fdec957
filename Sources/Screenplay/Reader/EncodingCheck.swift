/// Checks that the bytes are UTF-8 text: reports invalid sequences (with their byte offset)
/// and binary content (NUL bytes, or mostly control characters). It only reports; the
/// reader goes on with invalid bytes read as U+FFFD.
enum EncodingCheck {
    static func diagnose(_ source: SourceText) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let bytes = source.bytes
        var firstNUL: Int?
        var controlCount = 0
        var invalidOffsets: [Int] = []
        var index = source.contentStart
        let count = bytes.count
        while index < count {
            index = skippingPlainText(bytes, from: index)
            guard index < count else { break }
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0 {
                    if firstNUL == nil { firstNUL = index }
                    controlCount += 1
                } else if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C {
                    controlCount += 1
                }
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index)
            if length == 0 {
                invalidOffsets.append(index)
                index += 1
            } else {
                index += length
            }
        }
        if let firstNUL {
            diagnostics.append(Diagnostic(
                .error, "the file contains NUL bytes: it looks like binary data, not a Fountain script",
                at: source.range(firstNUL, firstNUL + 1)))
        } else if count - source.contentStart > 0, controlCount * 10 > count - source.contentStart {
            diagnostics.append(Diagnostic(
                .error, "the file is mostly control characters: it looks like binary data, not a Fountain script",
                at: source.range(source.contentStart, source.contentStart)))
        }
        if let first = invalidOffsets.first {
            let more = invalidOffsets.count > 1 ? " (and \(invalidOffsets.count - 1) more invalid bytes)" : ""
            diagnostics.append(Diagnostic(
                .error, "invalid UTF-8 at byte offset \(first)\(more)",
                at: source.range(first, first + 1),
                note: "save the script as UTF-8; invalid bytes are read as U+FFFD"))
        }
        return diagnostics
    }

    /// The first offset from `index` whose 8-byte word holds a byte that is not printable
    /// ASCII (below 0x20 or above 0x7F): the words before it need no byte-by-byte look.
    private static func skippingPlainText(_ bytes: [UInt8], from index: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            var index = index
            while index + 8 <= raw.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let high: UInt64 = 0x8080_8080_8080_8080
                // A byte below 0x20 makes its subtraction borrow into bit 7; a byte at or
                // above 0x80 has bit 7 set already. No byte before the first such byte
                // borrows, so the lowest bit set marks it.
                let flags = (word | (word &- 0x2020_2020_2020_2020)) & high
                if flags != 0 { return index + flags.trailingZeroBitCount / 8 }
                index += 8
            }
            return index
        }
    }

    /// The length of the valid UTF-8 sequence starting at `index`, or 0 when it is invalid.
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var lowerBound: UInt8 = 0x80
        var upperBound: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowerBound = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upperBound = 0x9F
        case 0xF0: length = 4; lowerBound = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upperBound = 0x8F
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        let second = bytes[index + 1]
        guard second >= lowerBound && second <= upperBound else { return 0 }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
            return 0
        }
        return length
    }
}

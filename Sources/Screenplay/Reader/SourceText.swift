/// The script's bytes with a line table: turns byte offsets into `SourceLocation`s and
/// byte spans into strings. Lines end at LF, CRLF or CR, in any mixture.
struct SourceText {
    /// One physical line: `start..<end` excludes the line terminator.
    struct LineSpan {
        var start: Int
        var end: Int
        /// Every byte below 0x80: each byte is one column.
        var isASCII = false
    }

    let bytes: [UInt8]
    /// Where the text starts: 3 when the file begins with a UTF-8 byte-order mark.
    let contentStart: Int
    let lines: [LineSpan]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        contentStart = hasBOM ? 3 : 0
        var lines: [LineSpan] = []
        lines.reserveCapacity(bytes.count / 24 + 1)   // screenplay lines average about 30 bytes
        var start = hasBOM ? 3 : 0
        let count = bytes.count
        var high: UInt64 = 0   // the OR of the line's bytes, eight at a time where they can be
        let highBits: UInt64 = 0x8080_8080_8080_8080
        bytes.withUnsafeBytes { raw in
            var index = start
            while index < count {
                // Eight bytes at a time while none of them is below 0x0E (LF and CR are):
                // a byte below 0x0E makes its subtraction borrow into bit 7 where bit 7 was clear.
                // No byte before the first such byte borrows, so the lowest bit set marks it,
                // and the bytes before it are taken at once.
                while index + 8 <= count {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    let small = (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & highBits
                    if small != 0 {
                        let before = small.trailingZeroBitCount / 8
                        high |= word & ((1 &<< (UInt64(before) &* 8)) &- 1)
                        index += before
                        break
                    }
                    high |= word
                    index += 8
                }
                guard index < count else { break }
                let byte = raw[index]
                if byte > 0x0D {   // most bytes: neither LF nor CR
                    high |= UInt64(byte)
                    index += 1
                } else if byte == 0x0A {
                    lines.append(LineSpan(start: start, end: index, isASCII: high & highBits == 0))
                    index += 1
                    start = index
                    high = 0
                } else if byte == 0x0D {
                    lines.append(LineSpan(start: start, end: index, isASCII: high & highBits == 0))
                    index += (index + 1 < count && raw[index + 1] == 0x0A) ? 2 : 1
                    start = index
                    high = 0
                } else {
                    index += 1
                }
            }
        }
        if start < count || lines.isEmpty {
            lines.append(LineSpan(start: start, end: count, isASCII: high & highBits == 0))
        }
        self.lines = lines
    }

    /// The 0-based index of the line holding `offset` (an offset past a line's end belongs
    /// to that line until the next one starts).
    func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lines.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lines[mid].start <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The location of a byte offset; the column counts Unicode scalars from the line start.
    func location(_ offset: Int) -> SourceLocation {
        let index = lineIndex(containing: offset)
        return location(offset, lineIndex: index)
    }

    func location(_ offset: Int, lineIndex index: Int) -> SourceLocation {
        let line = lines[index]
        let clamped = min(max(offset, line.start), bytes.count)
        if line.isASCII && clamped <= line.end {
            return SourceLocation(line: index + 1, column: clamped - line.start + 1, offset: offset)
        }
        // Every byte but a UTF-8 continuation byte starts a scalar.
        let continuations = bytes.withUnsafeBufferPointer { buffer in
            UnsafeBufferPointer(rebasing: buffer[line.start..<clamped]).reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 1 : 0) }
        }
        return SourceLocation(line: index + 1, column: clamped - line.start - continuations + 1, offset: offset)
    }

    func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(start: location(start), end: location(end))
    }

    /// The bytes `start..<end` as a string; invalid UTF-8 becomes U+FFFD.
    func string(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// A span of the source hidden from line classification: a boneyard `/* … */` (removed
/// as if never written) or a note `[[ … ]]` (taken out of the text and kept as a note).
struct MaskedSpan {
    enum Kind { case boneyard, note }

    var kind: Kind
    /// The span including its delimiters.
    var start: Int
    var end: Int

    /// The note's body, between the brackets.
    var bodyStart: Int { start + 2 }
    var bodyEnd: Int { end - 2 }
}

/// Finds boneyards, then notes outside them. An opening without a close is reported as a
/// warning and left in the text, so an unfinished edit never swallows the rest of a script.
enum Masking {
    static func spans(in source: SourceText, diagnostics: inout [Diagnostic]) -> [MaskedSpan] {
        let boneyards = findBoneyards(source, diagnostics: &diagnostics)
        let notes = findNotes(source, outside: boneyards, diagnostics: &diagnostics)
        return (boneyards + notes).sorted { $0.start < $1.start }
    }

    private static func findBoneyards(_ source: SourceText, diagnostics: inout [Diagnostic]) -> [MaskedSpan] {
        let bytes = source.bytes
        var spans: [MaskedSpan] = []
        var index = source.contentStart
        while let open = find(0x2F, 0x2A, in: bytes, from: index, to: bytes.count) {   // "/*"
            guard let close = find(0x2A, 0x2F, in: bytes, from: open + 2, to: bytes.count) else {   // "*/"
                diagnostics.append(Diagnostic(
                    .warning, "unterminated boneyard: '/*' has no closing '*/'",
                    at: source.range(open, open + 2),
                    note: "the text after it is kept as part of the script"))
                break
            }
            spans.append(MaskedSpan(kind: .boneyard, start: open, end: close + 2))
            index = close + 2
        }
        return spans
    }

    /// Notes may span lines but not a blank line (a line of exactly two spaces is allowed).
    private static func findNotes(_ source: SourceText, outside boneyards: [MaskedSpan],
                                  diagnostics: inout [Diagnostic]) -> [MaskedSpan] {
        let bytes = source.bytes
        var spans: [MaskedSpan] = []
        var boneyardIndex = 0
        var lineIndex = 0
        var index = source.contentStart
        while let open = find(0x5B, 0x5B, in: bytes, from: index, to: bytes.count) {   // "[["
            while boneyardIndex < boneyards.count && boneyards[boneyardIndex].end <= open { boneyardIndex += 1 }
            if boneyardIndex < boneyards.count && boneyards[boneyardIndex].start <= open {
                index = boneyards[boneyardIndex].end
                continue
            }
            while lineIndex + 1 < source.lines.count && source.lines[lineIndex + 1].start <= open { lineIndex += 1 }
            if let close = findClose(source, from: open + 2, lineIndex: lineIndex) {
                spans.append(MaskedSpan(kind: .note, start: open, end: close + 2))
                index = close + 2
            } else {
                diagnostics.append(Diagnostic(
                    .warning, "unterminated note: '[[' has no closing ']]' before the next blank line",
                    at: source.range(open, open + 2),
                    note: "the text is kept as written"))
                index = open + 2
            }
        }
        return spans
    }

    private static func findClose(_ source: SourceText, from start: Int, lineIndex: Int) -> Int? {
        let bytes = source.bytes
        var line = lineIndex
        var from = start
        while line < source.lines.count {
            let span = source.lines[line]
            if line != lineIndex && isBlankForNotes(bytes, span) { return nil }
            if let close = find(0x5D, 0x5D, in: bytes, from: from, to: span.end) { return close }   // "]]"
            line += 1
            if line < source.lines.count { from = source.lines[line].start }
        }
        return nil
    }

    private static func isBlankForNotes(_ bytes: [UInt8], _ span: SourceText.LineSpan) -> Bool {
        if span.end - span.start == 2 && bytes[span.start] == 0x20 && bytes[span.start + 1] == 0x20 { return false }
        for index in span.start..<span.end where bytes[index] != 0x20 && bytes[index] != 0x09 { return false }
        return true
    }

    /// The offset of the first `first, second` byte pair in `from..<to`.
    static func find(_ first: UInt8, _ second: UInt8, in bytes: [UInt8], from: Int, to: Int) -> Int? {
        bytes.withUnsafeBytes { raw in
            let spread = UInt64(first) &* 0x0101_0101_0101_0101
            var index = from
            while index + 1 < to {
                // Eight bytes at a time while none of them is `first` (a zero byte in
                // `word ^ spread`, found by the usual bit trick, which never misses one and
                // whose lowest bit set marks the first one exactly).
                while index + 8 <= to {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) ^ spread
                    let zero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                    if zero != 0 {
                        index += zero.trailingZeroBitCount / 8
                        break
                    }
                    index += 8
                }
                guard index + 1 < to else { return nil }
                if raw[index] == first && raw[index + 1] == second { return index }
                index += 1
            }
            return nil
        }
    }
}

/// A physical line as the classifier sees it: boneyards and notes taken out.
struct LogicalLine {
    /// The line's text without masked spans, trailing whitespace kept.
    var text: String
    /// `text` without leading and trailing spaces and tabs.
    var trimmed: Substring
    /// Offsets of the first and one-past-last visible, non-whitespace byte (for ranges).
    var contentStart: Int
    var contentEnd: Int
    /// Notes that begin on this line.
    var notes: [MaskedSpan]
    /// Nothing visible and no note: a paragraph separator (boneyard-only lines count).
    var isBlank: Bool
    /// Nothing visible but a note (or the middle of one): transparent to blank-line rules.
    var isNoteOnly: Bool
    /// Exactly two spaces: keeps a blank line inside dialogue.
    var isTwoSpaces: Bool
    /// Whether `text` holds a tab, or a byte of emphasis markup (`*`, `_`, `\`); without
    /// one, the tab expansion and the emphasis parser have nothing to do.
    var hasTab: Bool
    var hasMarkup: Bool

}

extension LogicalLine {
    /// Builds the logical lines of `source` with `spans` (sorted by start) taken out.
    static func build(_ source: SourceText, masking spans: [MaskedSpan]) -> [LogicalLine] {
        let bytes = source.bytes
        var result: [LogicalLine] = []
        result.reserveCapacity(source.lines.count)
        var spanIndex = 0
        var visible: [UInt8] = []
        for line in source.lines {
            while spanIndex < spans.count && spans[spanIndex].end <= line.start { spanIndex += 1 }
            var notes: [MaskedSpan] = []
            var touchesNote = false
            var firstVisible = -1
            var lastVisible = -1
            var hasMask = false
            var probe = spanIndex
            while probe < spans.count && spans[probe].start < line.end {
                hasMask = true
                if spans[probe].kind == .note {
                    touchesNote = true
                    if spans[probe].start >= line.start { notes.append(spans[probe]) }
                }
                probe += 1
            }
            let text: String
            let trimmed: Substring
            let hasTab: Bool
            let hasMarkup: Bool
            if !hasMask {
                var first = line.start
                while first < line.end && isBlankByte(bytes[first]) { first += 1 }
                var last = line.end
                while last > first && isBlankByte(bytes[last - 1]) { last -= 1 }
                if first < last {
                    firstVisible = first
                    lastVisible = last - 1
                }
                (hasTab, hasMarkup) = scanMarks(bytes[line.start..<line.end])
                text = source.string(line.start, line.end)
                trimmed = trimming(text, byteCount: line.end - line.start, from: first - line.start, to: last - line.start)
            } else {
                visible.removeAll(keepingCapacity: true)
                var visibleFirst = -1
                var visibleLast = -1
                var position = line.start
                var masked = spanIndex
                while position < line.end {
                    while masked < spans.count && spans[masked].end <= position { masked += 1 }
                    if masked < spans.count && spans[masked].start <= position {
                        position = spans[masked].end
                        continue
                    }
                    let byte = bytes[position]
                    if !isBlankByte(byte) {
                        if firstVisible < 0 { firstVisible = position; visibleFirst = visible.count }
                        lastVisible = position
                        visibleLast = visible.count
                    }
                    visible.append(byte)
                    position += 1
                }
                (hasTab, hasMarkup) = scanMarks(visible[...])
                text = String(decoding: visible, as: UTF8.self)
                trimmed = visibleFirst < 0
                    ? text.trimmingBlanks()
                    : trimming(text, byteCount: visible.count, from: visibleFirst, to: visibleLast + 1)
            }
            let empty = firstVisible < 0
            let rawLength = line.end - line.start
            result.append(LogicalLine(
                text: text,
                trimmed: trimmed,
                contentStart: empty ? line.start : firstVisible,
                contentEnd: empty ? line.start : lastVisible + 1,
                notes: notes,
                isBlank: empty && !touchesNote,
                isNoteOnly: empty && touchesNote,
                isTwoSpaces: !hasMask && rawLength == 2 && bytes[line.start] == 0x20 && bytes[line.start + 1] == 0x20,
                hasTab: hasTab,
                hasMarkup: hasMarkup))
        }
        return result
    }

    private static func isBlankByte(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// Whether the bytes hold a tab, and whether they hold `*`, `_` or `\`: eight bytes at a
    /// time, then the rest one by one.
    private static func scanMarks(_ bytes: ArraySlice<UInt8>) -> (tab: Bool, markup: Bool) {
        bytes.withUnsafeBytes { raw in
            var tab = false
            var markup = false
            var index = 0
            while index + 8 <= raw.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                tab = tab || hasByte(0x09, in: word)
                markup = markup || hasByte(0x2A, in: word) || hasByte(0x5F, in: word) || hasByte(0x5C, in: word)
                index += 8
            }
            while index < raw.count {
                let byte = raw[index]
                tab = tab || byte == 0x09
                markup = markup || byte == 0x2A || byte == 0x5F || byte == 0x5C
                index += 1
            }
            return (tab, markup)
        }
    }

    /// Whether one of the eight bytes of `word` is `byte`: the XOR makes it zero, and only a
    /// zero byte borrows into its bit 7 with bit 7 clear (the classic exact zero-byte test).
    private static func hasByte(_ byte: UInt8, in word: UInt64) -> Bool {
        let x = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    /// `text.trimmingBlanks()`, from the byte offsets of its first and one-past-last
    /// non-blank byte, already known. When decoding repaired invalid UTF-8 (`text` is not
    /// `byteCount` bytes long), the offsets do not carry over and the text is scanned.
    private static func trimming(_ text: String, byteCount: Int, from start: Int, to end: Int) -> Substring {
        let utf8 = text.utf8
        guard utf8.count == byteCount else { return text.trimmingBlanks() }
        return text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
    }
}

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
            if !hasMask {
                for index in line.start..<line.end where !isBlankByte(bytes[index]) {
                    if firstVisible < 0 { firstVisible = index }
                    lastVisible = index
                }
                text = source.string(line.start, line.end)
            } else {
                visible.removeAll(keepingCapacity: true)
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
                        if firstVisible < 0 { firstVisible = position }
                        lastVisible = position
                    }
                    visible.append(byte)
                    position += 1
                }
                text = String(decoding: visible, as: UTF8.self)
            }
            let empty = firstVisible < 0
            let rawLength = line.end - line.start
            result.append(LogicalLine(
                text: text,
                trimmed: text.trimmingBlanks(),
                contentStart: empty ? line.start : firstVisible,
                contentEnd: empty ? line.start : lastVisible + 1,
                notes: notes,
                isBlank: empty && !touchesNote,
                isNoteOnly: empty && touchesNote,
                isTwoSpaces: !hasMask && rawLength == 2 && bytes[line.start] == 0x20 && bytes[line.start + 1] == 0x20))
        }
        return result
    }

    private static func isBlankByte(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}

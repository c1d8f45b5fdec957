/// A physical line as the classifier sees it: boneyards and notes taken out.
///
/// Its text is a byte range of `LineTable.bytes` — the script's own bytes, or for a line
/// with a masked span in it, its visible bytes copied after them — so reading a line makes
/// no `String`: the rules read ASCII lines by their bytes, and only text the tree keeps (or
/// a non-ASCII line, read by characters) becomes a string.
struct LogicalLine {
    /// The visible text, trailing whitespace kept: `LineTable.bytes[start..<end]`.
    var start: Int
    var end: Int
    /// The text without leading and trailing spaces and tabs (`trimStart == trimEnd` when
    /// nothing is left).
    var trimStart: Int
    var trimEnd: Int
    /// Offsets in the script of the first and one-past-last visible, non-whitespace byte (for ranges).
    var contentStart: Int
    var contentEnd: Int
    /// The notes that begin on this line, as indexes into `LineTable.notes`.
    var notes: Range<Int>
    /// Nothing visible and no note: a paragraph separator (boneyard-only lines count).
    var isBlank: Bool
    /// Nothing visible but a note (or the middle of one): transparent to blank-line rules.
    var isNoteOnly: Bool
    /// Exactly two spaces: keeps a blank line inside dialogue.
    var isTwoSpaces: Bool
    /// Whether the text holds a tab, or a byte of emphasis markup (`*`, `_`, `\`); without
    /// one, the tab expansion and the emphasis parser have nothing to do.
    var hasTab: Bool
    var hasMarkup: Bool
    /// Every byte of the text below 0x80: each byte is one character, so the rules can
    /// read the bytes. Other lines are read as strings, by characters.
    var isASCII: Bool
}

/// The logical lines of a script, the bytes they point into and the notes they hold.
struct LineTable {
    let bytes: [UInt8]
    let lines: [LogicalLine]
    /// Every note of the script, in order.
    let notes: [MaskedSpan]

    /// The line's text as a string (invalid UTF-8 becomes U+FFFD).
    func text(_ line: LogicalLine) -> String {
        String(decoding: bytes[line.start..<line.end], as: UTF8.self)
    }

    /// The line's text without leading and trailing spaces and tabs.
    func trimmed(_ line: LogicalLine) -> Substring {
        line.isASCII ? Substring(string(line.trimStart, line.trimEnd)) : text(line).trimmingBlanks()
    }

    /// `bytes[start..<end]` as a string.
    func string(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

extension LineTable {
    /// Builds the logical lines of `source` with `spans` (sorted by start) taken out.
    init(_ source: SourceText, masking spans: [MaskedSpan]) {
        let sourceBytes = source.bytes
        // Masked lines' visible bytes go after the script's; with no span the array is shared, not copied.
        var bytes = sourceBytes
        var result: [LogicalLine] = []
        result.reserveCapacity(source.lines.count)
        var notes: [MaskedSpan] = []
        var spanIndex = 0
        for line in source.lines {
            while spanIndex < spans.count && spans[spanIndex].end <= line.start { spanIndex += 1 }
            let firstNote = notes.count
            var touchesNote = false
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
            var logical: LogicalLine
            if !hasMask {
                var first = line.start
                while first < line.end && ASCIIText.isBlank(sourceBytes[first]) { first += 1 }
                var last = line.end
                while last > first && ASCIIText.isBlank(sourceBytes[last - 1]) { last -= 1 }
                let marks = Self.scanMarks(sourceBytes, line.start, line.end)
                let empty = first == last
                let rawLength = line.end - line.start
                logical = LogicalLine(
                    start: line.start, end: line.end, trimStart: first, trimEnd: last,
                    contentStart: empty ? line.start : first, contentEnd: empty ? line.start : last,
                    notes: firstNote..<notes.count, isBlank: empty, isNoteOnly: false,
                    isTwoSpaces: rawLength == 2 && sourceBytes[line.start] == 0x20 && sourceBytes[line.start + 1] == 0x20,
                    hasTab: marks.tab, hasMarkup: marks.markup, isASCII: line.isASCII)
            } else {
                let start = bytes.count
                var firstVisible = -1
                var lastVisible = -1
                var trimStart = -1
                var trimEnd = -1
                var position = line.start
                var masked = spanIndex
                while position < line.end {
                    while masked < spans.count && spans[masked].end <= position { masked += 1 }
                    if masked < spans.count && spans[masked].start <= position {
                        position = spans[masked].end
                        continue
                    }
                    let byte = sourceBytes[position]
                    if !ASCIIText.isBlank(byte) {
                        if firstVisible < 0 { firstVisible = position; trimStart = bytes.count }
                        lastVisible = position
                        trimEnd = bytes.count + 1
                    }
                    bytes.append(byte)
                    position += 1
                }
                let end = bytes.count
                let marks = Self.scanMarks(bytes, start, end)
                let empty = firstVisible < 0
                logical = LogicalLine(
                    start: start, end: end, trimStart: empty ? start : trimStart, trimEnd: empty ? start : trimEnd,
                    contentStart: empty ? line.start : firstVisible, contentEnd: empty ? line.start : lastVisible + 1,
                    notes: firstNote..<notes.count, isBlank: empty && !touchesNote, isNoteOnly: empty && touchesNote,
                    isTwoSpaces: false, hasTab: marks.tab, hasMarkup: marks.markup, isASCII: marks.ascii)
            }
            result.append(logical)
        }
        self.init(bytes: bytes, lines: result, notes: notes)
    }


    /// Whether `bytes[start..<end]` hold a tab, whether they hold `*`, `_` or `\`, and
    /// whether they are all ASCII: eight bytes at a time, the flags gathered without a branch,
    /// then the rest one by one.
    private static func scanMarks(_ bytes: [UInt8], _ start: Int, _ end: Int) -> (tab: Bool, markup: Bool, ascii: Bool) {
        bytes.withUnsafeBytes { raw in
            var tabs: UInt64 = 0
            var marks: UInt64 = 0
            var high: UInt64 = 0
            var index = start
            while index + 8 <= end {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                tabs |= zeroBytes(word ^ 0x0909_0909_0909_0909)
                marks |= zeroBytes(word ^ 0x2A2A_2A2A_2A2A_2A2A) | zeroBytes(word ^ 0x5F5F_5F5F_5F5F_5F5F)
                    | zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
                high |= word
                index += 8
            }
            var tab = tabs != 0
            var markup = marks != 0
            while index < end {
                let byte = raw[index]
                tab = tab || byte == 0x09
                markup = markup || byte == 0x2A || byte == 0x5F || byte == 0x5C
                high |= UInt64(byte)
                index += 1
            }
            return (tab, markup, high & 0x8080_8080_8080_8080 == 0)
        }
    }

    /// Nonzero exactly when a byte of `word` is zero: only a zero byte borrows into its bit 7
    /// with bit 7 clear (the classic exact zero-byte test).
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }
}

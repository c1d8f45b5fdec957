/// Line breaking for `drawtext`, which does not wrap: text is broken in Swift by display
/// columns, counting East Asian wide characters (CJK ideographs, kana, hangul, full-width
/// forms) as two columns and everything else as one.
enum TextWrap {
    /// The display width of `character` in columns.
    static func columns(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// The display width of `text` in columns.
    static func columns(of text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + columns(of: $1) }
    }

    /// `text` broken into lines of at most `width` columns: at spaces where there are any,
    /// between any two wide characters, and inside a word only when the word alone is too
    /// long. At most `maxLines` lines; when text is left over, the last line ends with `…`.
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        let width = max(width, 4)
        var lines: [String] = []
        var line = ""
        var lineColumns = 0
        func flush() {
            lines.append(String(line.reversed().drop { $0 == " " }.reversed()))
            line = ""
            lineColumns = 0
        }
        for word in tokens(text.split(whereSeparator: \.isNewline).joined(separator: " ")) {
            let wordColumns = columns(of: word)
            if word == " " {
                if lineColumns > 0, lineColumns < width { line += " "; lineColumns += 1 }
                continue
            }
            if lineColumns + wordColumns > width, lineColumns > 0 { flush() }
            if wordColumns > width {
                for character in word {
                    if lineColumns + columns(of: character) > width { flush() }
                    line.append(character)
                    lineColumns += columns(of: character)
                }
            } else {
                line += word
                lineColumns += wordColumns
            }
        }
        if lineColumns > 0 { flush() }
        guard lines.count > maxLines, maxLines > 0 else { return lines }
        var kept = Array(lines.prefix(maxLines))
        var last = kept[maxLines - 1]
        while columns(of: last) + 1 > width, !last.isEmpty { last.removeLast() }
        kept[maxLines - 1] = last + "…"
        return kept
    }

    /// Words, single spaces and single wide characters, in order.
    private static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var word = ""
        for character in text {
            if character == " " || character == "\t" {
                if !word.isEmpty { tokens.append(word); word = "" }
                tokens.append(" ")
            } else if columns(of: character) == 2 {
                if !word.isEmpty { tokens.append(word); word = "" }
                tokens.append(String(character))
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { tokens.append(word) }
        return tokens
    }
}

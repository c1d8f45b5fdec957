/// Character-cue rules: `NAME`, `NAME (V.O.)`, `@McCLANE`, `BRICK ^`, and Chinese cues (`安娜`,
/// `安娜（画外音）`).
enum CueRules {
    struct Cue {
        var name: String
        var extensions: [String]
        var forced: Bool
        var dual: Bool
    }

    /// The longest Chinese name read as a cue without `@`.
    static let maximumChineseNameLength = 8

    /// Reads `line` (trimmed) as a character cue, or returns nil when it is not one.
    static func cue(_ line: Substring) -> Cue? {
        if hasLowercaseName(line) { return nil }
        var text = line
        let forced = text.hasPrefixCharacter("@")
        if forced { text = text.dropFirst() }
        var dual = false
        if text.hasSuffixCharacter("^") {
            dual = true
            text = text.dropLast().trimmingBlanks()
        }
        var name = text
        var extensions: [String] = []
        // In ASCII text (no line breaks inside a line) every character is one byte.
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        func first(_ ascii: UInt8, or wide: Character, in text: Substring) -> Substring.Index? {
            isASCII ? text.utf8.firstIndex(of: ascii) : text.firstIndex { $0 == Character(Unicode.Scalar(ascii)) || $0 == wide }
        }
        if let open = first(0x28, or: "（", in: text) {   // (
            name = text[..<open]
            var rest = text[open...]
            while let start = first(0x28, or: "（", in: rest) {
                guard let end = first(0x29, or: "）", in: rest[start...]) else { return nil }   // )
                let inner = rest[rest.index(after: start)..<end].trimmingBlanks()
                if !inner.isEmpty { extensions.append(String(inner)) }
                rest = rest[rest.index(after: end)...]
            }
            guard rest.trimmingBlanks().isEmpty else { return nil }
        }
        let trimmedName = name.trimmingBlanks()
        guard !trimmedName.isEmpty else { return nil }
        if !forced && !(isASCII ? isASCIICueName(trimmedName) : isCueName(trimmedName)) { return nil }
        return Cue(name: String(trimmedName), extensions: extensions, forced: forced, dual: dual)
    }

    /// `cue(_:)` for an ASCII line, `bytes[start..<end]` (trimmed), read by its bytes: every
    /// character is one byte, and the full-width parentheses cannot occur.
    static func cue(ascii bytes: [UInt8], _ start: Int, _ end: Int) -> Cue? {
        guard start < end else { return nil }
        let forced = bytes[start] == 0x40   // @
        if !forced {
            // Most action lines: a lowercase letter before the first parenthesis.
            for index in start..<end {
                let byte = bytes[index]
                if byte == 0x28 { break }
                if byte >= 0x61 && byte <= 0x7A { return nil }
            }
        }
        var textStart = forced ? start + 1 : start
        var textEnd = end
        var dual = false
        if textStart < textEnd && bytes[textEnd - 1] == 0x5E {   // ^
            dual = true
            (textStart, textEnd) = ASCIIText.trimmingBlanks(bytes, textStart, textEnd - 1)
        }
        var nameEnd = textEnd
        var extensions: [String] = []
        if let open = ASCIIText.firstIndex(of: 0x28, in: bytes, textStart, textEnd) {
            nameEnd = open
            var rest = open
            while let opening = ASCIIText.firstIndex(of: 0x28, in: bytes, rest, textEnd) {
                guard let closing = ASCIIText.firstIndex(of: 0x29, in: bytes, opening, textEnd) else { return nil }
                let inner = ASCIIText.trimmingBlanks(bytes, opening + 1, closing)
                if inner.start < inner.end {
                    extensions.append(String(decoding: bytes[inner.start..<inner.end], as: UTF8.self))
                }
                rest = closing + 1
            }
            let tail = ASCIIText.trimmingBlanks(bytes, rest, textEnd)
            guard tail.start == tail.end else { return nil }
        }
        let name = ASCIIText.trimmingBlanks(bytes, textStart, nameEnd)
        guard name.start < name.end else { return nil }
        if !forced && !ASCIIText.isUppercaseWithLetter(bytes, name.start, name.end) { return nil }
        return Cue(name: String(decoding: bytes[name.start..<name.end], as: UTF8.self),
                   extensions: extensions, forced: forced, dual: dual)
    }

    /// A quick, exact rejection of most action lines: an unforced cue whose name (the text
    /// before the first `(` or `（`) holds a lowercase ASCII letter is neither an uppercase name
    /// nor a run of ideographs. Scans bytes, stopping at the first opening parenthesis byte;
    /// a parenthesis character can only start there or later, so no name letter is missed.
    private static func hasLowercaseName(_ line: Substring) -> Bool {
        let utf8 = line.utf8
        guard let first = utf8.first, first != 0x40 else { return false }   // @ forces a cue
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in utf8 {
            if byte == 0x28 || (previous == (0xEF, 0xBC) && byte == 0x88) { return false }   // ( or （
            if byte >= 0x61 && byte <= 0x7A { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    /// `isCueName` for ASCII text: no lowercase letter and at least one uppercase one.
    private static func isASCIICueName(_ name: Substring) -> Bool {
        var sawLetter = false
        for byte in name.utf8 {
            if byte >= 0x61 && byte <= 0x7A { return false }
            if byte >= 0x41 && byte <= 0x5A { sawLetter = true }
        }
        return sawLetter
    }

    /// An uppercase name with a letter, or a short run of CJK ideographs.
    private static func isCueName(_ name: Substring) -> Bool {
        if name.containsCJK {
            var count = 0
            for scalar in name.unicodeScalars {
                guard scalar.isCJK || scalar == "·" || scalar == "・" else { return false }
                count += 1
            }
            return count <= maximumChineseNameLength
        }
        return name.isUppercaseWithLetter
    }
}

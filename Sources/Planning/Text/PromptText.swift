/// Keeps prompts under a length: cuts at a clause boundary (`.`, `,`, `;`, `，`, `。`, `；`,
/// `、`), else at a space, never in the middle of a word.
enum PromptText {
    private static let clauseEnds: Set<Character> = [".", ",", ";", ":", "!", "?", "，", "。", "；", "：", "、", "！", "？"]

    /// `text` cut to at most `limit` characters at the last clause boundary that fits.
    static func cut(_ text: String, to limit: Int) -> String {
        guard TextMeasure.characterCount(text) > limit else { return text }
        guard limit > 0 else { return "" }
        let characters = Array(text)
        var clause: Int?
        var space: Int?
        for index in 0..<limit {
            let character = characters[index]
            if clauseEnds.contains(character) && (index + 1 == characters.count || characters[index + 1].isWhitespace
                                                  || isWide(character)) {
                clause = index
            }
            if character.isWhitespace { space = index }
        }
        if let clause {
            var result = String(characters[..<clause])
            while let last = result.last, last.isWhitespace || clauseEnds.contains(last) { result.removeLast() }
            let wide = characters[clause].unicodeScalars.first.map { $0.value > 0x2FFF } ?? false
            return result.isEmpty ? "" : result + (wide ? "。" : ".")
        }
        if let space { return String(characters[..<space]) }
        // A run of Chinese has no spaces; any character boundary between ideographs is a word boundary.
        if characters[limit - 1].unicodeScalars.allSatisfy(TextMeasure.isIdeograph)
            && characters[limit].unicodeScalars.allSatisfy(TextMeasure.isIdeograph) {
            return String(characters[..<limit])
        }
        return ""
    }

    private static func isWide(_ character: Character) -> Bool {
        character.unicodeScalars.first.map { $0.value > 0x2FFF } ?? false
    }

    /// Joins prompt parts, each ending in its sentence mark (`.` or `。`).
    static func join(_ parts: [String], language: PromptLanguage) -> String {
        let mark: Character = language == .chinese ? "。" : "."
        var result = ""
        for part in parts where !part.isEmpty {
            var text = Substring(part)
            while let last = lastCharacter(text), isSoftStop(last.scalar) { text = text[..<last.start] }
            guard lastCharacter(text) != nil else { continue }
            if !result.isEmpty && language == .english { result.append(" ") }
            result += text
            if !endsInFullStop(text) { result.append(mark) }
        }
        return result
    }

    /// Joined texts run together, as `join` runs its parts together: a space between two
    /// non-empty ones in English. `join(a + b)` is `concatenate([join(a), join(b)])`.
    static func concatenate(_ joined: [String], language: PromptLanguage) -> String {
        joined.filter { !$0.isEmpty }.joined(separator: language == .english ? " " : "")
    }

    /// The first scalar of `text`'s last character, and where that character starts. Read
    /// from the bytes when the last two are ASCII and not CR LF: then the last byte is a
    /// character of its own.
    private static func lastCharacter(_ text: Substring) -> (scalar: UInt32, start: Substring.Index)? {
        let bytes = text.utf8
        guard let lastByte = bytes.last else { return nil }
        let final = bytes.index(before: bytes.endIndex)
        if lastByte < 0x80 {
            if final == bytes.startIndex { return (UInt32(lastByte), final) }
            let before = bytes[bytes.index(before: final)]
            if before < 0x80 && !(before == 0x0D && lastByte == 0x0A) { return (UInt32(lastByte), final) }
        }
        let start = text.index(before: text.endIndex)
        return (text[start].unicodeScalars.first!.value, start)
    }

    private static func isSoftStop(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2C, 0x3B, 0x3A, 0x20, 0xFF0C, 0xFF1B, 0xFF1A, 0x3001: true
        default: false
        }
    }

    /// Whether text ends a sentence: a full stop, perhaps inside closing quotes or brackets
    /// (`…roaster."`). A bracket or quote after a word (`Anna (30s)`) ends no sentence.
    private static func endsInFullStop(_ text: Substring) -> Bool {
        var text = text
        while let last = lastCharacter(text) {
            if isFullStop(last.scalar) { return true }
            guard isCloser(last.scalar) else { return false }
            text = text[..<last.start]
        }
        return false
    }

    private static func isFullStop(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2E, 0x21, 0x3F, 0x3002, 0xFF01, 0xFF1F, 0x2026: true
        default: false
        }
    }

    private static func isCloser(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x22, 0x201D, 0x27, 0x2019, 0x29, 0xFF09, 0x300D, 0x300F: true
        default: false
        }
    }
}

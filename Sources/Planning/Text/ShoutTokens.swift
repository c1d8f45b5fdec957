/// The tokens `PromptBuilder.lowercasingShouts` works on: words (letters, digits and
/// apostrophes) and the single characters between them.
enum ShoutToken {
    case word(String)
    case other(Character)
}

enum ShoutTokens {
    /// `text` as words and the characters between them. ASCII text is split byte by byte,
    /// which gives the same tokens as the character walk (a CRLF pair comes out as two
    /// `other` tokens, written back as the same bytes).
    static func split(_ text: String) -> [ShoutToken] {
        if TextMeasure.isASCII(text) { return splitASCII(text) }
        var tokens: [ShoutToken] = []
        var word = ""
        for character in text {
            if character.isLetter || character.isNumber || character == "'" || character == "’" {
                word.append(character)
            } else {
                if !word.isEmpty { tokens.append(.word(word)) }
                word = ""
                tokens.append(.other(character))
            }
        }
        if !word.isEmpty { tokens.append(.word(word)) }
        return tokens
    }

    private static func splitASCII(_ text: String) -> [ShoutToken] {
        var text = text
        return text.withUTF8 { bytes in
            var tokens: [ShoutToken] = []
            var start = 0
            for (index, byte) in bytes.enumerated() where !isWordByte(byte) {
                if start < index { tokens.append(.word(String(decoding: bytes[start..<index], as: UTF8.self))) }
                tokens.append(.other(Character(Unicode.Scalar(byte))))
                start = index + 1
            }
            if start < bytes.count { tokens.append(.word(String(decoding: bytes[start...], as: UTF8.self))) }
            return tokens
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x27
    }

    /// For an ASCII word, whether it is shouted: two or more letters, all capitals, and
    /// its letters not `TV` or `OK`. Nil for other words.
    static func isASCIIShout(_ word: String) -> Bool? {
        var count = 0
        var pair: (UInt8, UInt8) = (0, 0)
        for byte in word.utf8 {
            guard byte < 0x80 else { return nil }
            if (0x61...0x7A).contains(byte) { return false }
            guard (0x41...0x5A).contains(byte) else { continue }
            if count == 0 { pair.0 = byte } else if count == 1 { pair.1 = byte }
            count += 1
        }
        guard count == 2 else { return count > 2 }
        return !(pair == (0x54, 0x56) || pair == (0x4F, 0x4B))   // TV, OK
    }
}

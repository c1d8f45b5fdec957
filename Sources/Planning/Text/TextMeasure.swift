/// Counting and matching helpers shared by the stages: words, Chinese characters, and
/// whole-word matching of terms that works for English and Chinese alike.
enum TextMeasure {
    /// Whether a scalar is a CJK ideograph (Chinese characters, not punctuation).
    static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: true
        default: false
        }
    }

    /// The number of CJK ideographs in `text`.
    static func ideographs<S: StringProtocol>(_ text: S) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isIdeograph($1) ? 1 : 0) }
    }

    /// The number of words outside CJK text: runs of letters and digits (apostrophes and
    /// hyphens inside a word keep it whole).
    static func words<S: StringProtocol>(_ text: S) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let isWordScalar = !isIdeograph(scalar) && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
            if isWordScalar {
                if !inWord { count += 1 }
                inWord = true
            } else if inWord && (scalar == "'" || scalar == "’" || scalar == "-") {
                continue
            } else {
                inWord = false
            }
        }
        return count
    }

    /// The number of ASCII letters in `text`.
    static func latinLetters<S: StringProtocol>(_ text: S) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ((("a"..."z").contains($1) || ("A"..."Z").contains($1)) ? 1 : 0) }
    }

    /// Whether a term occurs in `text` (both already lowercased). An English term must stand
    /// as whole words: `cu` matches "cu anna" but not "cup".
    static func contains(_ term: String, in text: String) -> Bool {
        range(of: term, in: text) != nil
    }

    /// Where a term first occurs in `text` as whole words (CJK terms match anywhere).
    static func range(of term: String, in text: String, from start: String.Index? = nil) -> Range<String.Index>? {
        let needsBoundary = term.unicodeScalars.contains {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
        var searchStart = start ?? text.startIndex
        while let found = text[searchStart...].range(of: term) {
            if !needsBoundary || (isBoundary(before: found.lowerBound, in: text) && isBoundary(after: found.upperBound, in: text)) {
                return found
            }
            searchStart = text.index(after: found.lowerBound)
        }
        return nil
    }

    private static func isBoundary(before index: String.Index, in text: String) -> Bool {
        guard index > text.startIndex else { return true }
        return !isWordCharacter(text[text.index(before: index)])
    }

    private static func isBoundary(after index: String.Index, in text: String) -> Bool {
        guard index < text.endIndex else { return true }
        return !isWordCharacter(text[index])
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// `text` with runs of whitespace (line breaks included) collapsed to single spaces and
    /// the ends trimmed.
    static func collapsingWhitespace<S: StringProtocol>(_ text: S) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

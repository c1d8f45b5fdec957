/// Small character tests shared by the line rules.
extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmingBlanks() -> SubSequence {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start] == " " || scalars[start] == "\t" { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard scalars[before] == " " || scalars[before] == "\t" else { break }
            end = before
        }
        return self[start..<end]
    }

    /// Without leading and trailing whitespace of any kind, line breaks included.
    func trimmingWhitespace() -> SubSequence {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
        return self[first...last]
    }

    /// Without leading spaces and tabs.
    func trimmingLeadingBlanks() -> SubSequence {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        while start < scalars.endIndex, scalars[start] == " " || scalars[start] == "\t" {
            start = scalars.index(after: start)
        }
        return self[start...]
    }

    /// At least one letter, and every letter an uppercase one: `CUT TO:`, `R2D2`, `JOSÉ`.
    /// Letters without case (CJK, Arabic) are not uppercase.
    var isUppercaseWithLetter: Bool {
        var sawLetter = false
        for scalar in unicodeScalars {
            if scalar.isASCII {
                if scalar >= "a" && scalar <= "z" { return false }
                if scalar >= "A" && scalar <= "Z" { sawLetter = true }
            } else if scalar.properties.isAlphabetic {
                guard scalar.properties.isUppercase else { return false }
                sawLetter = true
            }
        }
        return sawLetter
    }

    /// Whether the text contains a CJK ideograph.
    var containsCJK: Bool { unicodeScalars.contains { $0.isCJK } }
}

extension Unicode.Scalar {
    /// A CJK unified ideograph (the common blocks and extension A).
    var isCJK: Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2A6DF: true
        default: false
        }
    }
}

extension Substring {
    /// `hasPrefix(character)` for a one-scalar character, from the bytes where they decide
    /// it: another first byte rules it out, and an ASCII character followed by an ASCII byte
    /// (or by nothing) is a whole character, since only non-ASCII scalars (combining marks
    /// and the like) join onto an ASCII one.
    func hasPrefixCharacter(_ character: String) -> Bool {
        let bytes = utf8
        let needle = character.utf8
        guard let first = bytes.first, first == needle.first else { return false }
        if needle.count == 1 {
            let next = bytes.index(after: bytes.startIndex)
            if next == bytes.endIndex || bytes[next] < 0x80 { return true }
        }
        return hasPrefix(character)
    }

    /// `hasSuffix(character)` for a one-scalar character, from the bytes where they decide
    /// it (an ASCII scalar after an ASCII one always starts a new character).
    func hasSuffixCharacter(_ character: String) -> Bool {
        let bytes = utf8
        let needle = character.utf8
        guard let last = bytes.last, last == needle.last else { return false }
        if needle.count == 1 {
            let final = bytes.index(before: bytes.endIndex)
            if final == bytes.startIndex || bytes[bytes.index(before: final)] < 0x80 { return true }
        }
        return hasSuffix(character)
    }

    /// `hasSuffix(suffix)` for an ASCII `suffix`, from the bytes where they decide it: the
    /// character test can only hold where the bytes end in the suffix's, and when the byte
    /// before them is ASCII too (or there is none) no character straddles the suffix's start.
    func hasASCIISuffix(_ suffix: String) -> Bool {
        let bytes = utf8
        let needle = suffix.utf8
        guard let start = bytes.index(bytes.endIndex, offsetBy: -needle.count, limitedBy: bytes.startIndex),
              bytes[start...].elementsEqual(needle)
        else { return false }
        if start == bytes.startIndex || bytes[bytes.index(before: start)] < 0x80 { return true }
        return hasSuffix(suffix)
    }

    /// Whether `needle`'s UTF-8 bytes occur in the text: a quick test before a search by
    /// characters, which can only match where the bytes do.
    func containsBytes(of needle: String) -> Bool {
        let bytes = utf8
        guard let first = needle.utf8.first else { return true }
        var index = bytes.startIndex
        while let found = bytes[index...].firstIndex(of: first) {
            if bytes[found...].starts(with: needle.utf8) { return true }
            index = bytes.index(after: found)
        }
        return false
    }

    /// The range of the last occurrence of `needle`.
    func lastRange(of needle: String) -> Range<Index>? {
        // A character that starts with another byte cannot be the needle's first character.
        let lead = needle.utf8.first
        var start = endIndex
        while start > startIndex {
            start = index(before: start)
            if (lead == nil || utf8[start] == lead) && self[start...].hasPrefix(needle) {
                return start..<index(start, offsetBy: needle.count)
            }
        }
        return nil
    }
}

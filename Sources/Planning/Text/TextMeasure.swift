// The C library's memchr and memcmp, not Foundation: the `animatic` launcher links this module.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        if isASCII(text) { return 0 }
        return text.unicodeScalars.reduce(0) { $0 + (isIdeograph($1) ? 1 : 0) }
    }

    /// Whether every byte of `text` is ASCII: the cue for the byte-wise fast paths.
    static func isASCII<S: StringProtocol>(_ text: S) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.reduce(0, |) < 0x80   // an OR over the bytes, which the compiler vectorises
        } ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// `text.count` (extended grapheme clusters), counted without segmenting ASCII text: there
    /// every byte is a character except a CR LF pair, which is one.
    static func characterCount(_ text: String) -> Int {
        guard isASCII(text) else { return text.count }
        var text = text
        let hasCR = text.withUTF8 { $0.contains(0x0D) }
        guard hasCR else { return text.utf8.count }
        var count = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if !(previous == 0x0D && byte == 0x0A) { count += 1 }
            previous = byte
        }
        return count
    }

    /// The number of words outside CJK text: runs of letters and digits (apostrophes and
    /// hyphens inside a word keep it whole).
    static func words<S: StringProtocol>(_ text: S) -> Int {
        var count = 0
        var inWord = false
        if isASCII(text) {
            let countASCII = { (bytes: UnsafeBufferPointer<UInt8>) -> Int in
                var count = 0
                var inWord = false
                for byte in bytes {
                    if (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 {   // a letter or a digit
                        if !inWord { count += 1 }
                        inWord = true
                    } else if !(inWord && (byte == 0x27 || byte == 0x2D)) {
                        inWord = false
                    }
                }
                return count
            }
            return text.utf8.withContiguousStorageIfAvailable(countASCII) ?? Array(text.utf8).withUnsafeBufferPointer(countASCII)
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isWordScalar = value < 0x80
                ? (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
                : !isIdeograph(scalar) && scalar.properties.isAlphabetic
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
        // An ASCII letter is one byte, and no byte of a longer UTF-8 sequence is below 0x80.
        let count = { (bytes: UnsafeBufferPointer<UInt8>) in bytes.reduce(0) { $0 + (($1 | 0x20) &- 0x61 < 26 ? 1 : 0) } }
        return text.utf8.withContiguousStorageIfAvailable(count) ?? Array(text.utf8).withUnsafeBufferPointer(count)
    }

    /// Whether a term occurs in `text` (both already lowercased). An English term must stand
    /// as whole words: `cu` matches "cu anna" but not "cup".
    static func contains(_ term: String, in text: String) -> Bool {
        range(of: term, in: text) != nil
    }

    /// Where a term first occurs in `text` as whole words (CJK terms match anywhere),
    /// searching from `start`. Compares UTF-8 bytes: no locale, no case folding.
    static func range(of term: String, in text: String, from start: String.Index? = nil) -> Range<String.Index>? {
        var term = term
        let utf8 = text.utf8
        let startOffset = start.map { utf8.distance(from: utf8.startIndex, to: $0) } ?? 0
        return term.withUTF8 { needle in
            range(of: needle, in: text, from: startOffset)
        }
    }

    private static func range(of needle: UnsafeBufferPointer<UInt8>, in text: String, from startOffset: Int) -> Range<String.Index>? {
        guard let first = needle.first else { return nil }
        let needsBoundary = needle.contains { (0x61...0x7A).contains($0) || (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }
        let utf8 = text.utf8
        let search = { (haystack: UnsafeBufferPointer<UInt8>) -> Int? in
            let last = haystack.count - needle.count
            guard last >= startOffset, let base = haystack.baseAddress else { return nil }
            var offset = startOffset
            while offset <= last {
                // memchr finds candidate first bytes far faster than a byte loop.
                guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
                offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if matches(needle, haystack, at: offset),
                   !needsBoundary || (isBoundary(haystack, before: offset) && isBoundary(haystack, after: offset + needle.count)) {
                    return offset
                }
                offset += 1
            }
            return nil
        }
        let found = utf8.withContiguousStorageIfAvailable(search) ?? Array(utf8).withUnsafeBufferPointer(search)
        guard let found else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: found)
        return lower..<utf8.index(lower, offsetBy: needle.count)
    }

    private static func matches(_ needle: UnsafeBufferPointer<UInt8>, _ haystack: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        for index in 1..<needle.count where haystack[offset + index] != needle[index] { return false }
        return true
    }

    /// Whether the scalar ending just before `offset` is not part of a word.
    private static func isBoundary(_ bytes: UnsafeBufferPointer<UInt8>, before offset: Int) -> Bool {
        guard offset > 0 else { return true }
        var lead = offset - 1
        while lead > 0 && bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        return !isWordScalar(bytes, lead, offset)
    }

    /// Whether the scalar starting at `offset` is not part of a word.
    private static func isBoundary(_ bytes: UnsafeBufferPointer<UInt8>, after offset: Int) -> Bool {
        guard offset < bytes.count else { return true }
        var end = offset + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return !isWordScalar(bytes, offset, end)
    }

    private static func isWordScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let byte = bytes[start]
        if byte < 0x80 {
            return (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
        }
        guard let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).unicodeScalars.first else {
            return false
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// `text` with runs of whitespace (line breaks included) collapsed to single spaces and
    /// the ends trimmed.
    static func collapsingWhitespace<S: StringProtocol>(_ text: S) -> String {
        if isCollapsed(text.utf8) { return String(text) }
        if isASCII(text) { return collapsingASCIIWhitespace(text.utf8) }
        var result = ""
        var pendingSpace = false
        for character in text {
            if isSpace(character) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }

    /// The same for ASCII text, byte by byte (a CR LF pair is two spaces, collapsed like the
    /// one character it makes).
    private static func collapsingASCIIWhitespace(_ bytes: some Collection<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether UTF-8 text surely has no whitespace but single spaces between words. Lead
    /// bytes of the non-ASCII spaces (U+0085, U+00A0, U+1680, U+2000…, U+3000) send it down
    /// the slow path.
    private static func isCollapsed(_ bytes: some Sequence<UInt8>) -> Bool {
        var previous: UInt8 = 0x20
        for byte in bytes {
            switch byte {
            case 0x09...0x0D, 0xC2, 0xE1, 0xE2, 0xE3: return false
            case 0x20 where previous == 0x20: return false
            default: previous = byte
            }
        }
        return previous != 0x20
    }

    /// Whether a character is whitespace, with a fast path for ASCII.
    static func isSpace(_ character: Character) -> Bool {
        let value = character.unicodeScalars.first!.value
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return character.isWhitespace
    }

    /// Whether `term` occurs anywhere in `text`, byte for byte.
    static func occurs(_ term: String, in text: String) -> Bool {
        term.utf8.isEmpty || firstOffset(of: term, in: text) != nil
    }

    /// Where `needle` (which starts with a character that combines with none before it: a
    /// letter, a space, a mark of punctuation, a CJK character) first occurs in `text` as
    /// Foundation's `range(of:)` found it, without Foundation, which the `animatic` launcher
    /// does not load: byte for byte, but not where the match would end inside a character —
    /// when the scalar after it extends a grapheme (a combining mark, a variation selector)
    /// or is an emoji skin-tone modifier. (Foundation's own table of such scalars is an older
    /// Unicode's: it differs from this on 109 scalars, marks added since and a few spacing
    /// marks, none in a script's separators.)
    static func firstRange(ofText needle: String, in text: String) -> Range<String.Index>? {
        let utf8 = text.utf8
        var from = 0
        while let found = firstOffset(of: needle, in: text, from: from) {
            let lower = utf8.index(utf8.startIndex, offsetBy: found)
            let upper = utf8.index(lower, offsetBy: needle.utf8.count)
            guard upper < text.endIndex, extendsCharacter(text.unicodeScalars[upper]) else { return lower..<upper }
            from = found + 1
        }
        return nil
    }

    /// Whether `needle` occurs in `text` as `firstRange(ofText:in:)` finds it: what Foundation's
    /// `contains` said.
    static func includes(_ needle: String, in text: String) -> Bool {
        firstRange(ofText: needle, in: text) != nil
    }

    /// Whether `scalar` belongs to the character before it rather than starting one.
    private static func extendsCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isGraphemeExtend || (0x1F3FB...0x1F3FF).contains(scalar.value)
    }

    /// The UTF-8 offset of `term`'s first occurrence in `text` at or after the offset `from`;
    /// nil when there is none or `term` is empty.
    private static func firstOffset(of term: String, in text: String, from start: Int = 0) -> Int? {
        guard let first = term.utf8.first else { return nil }
        var term = term
        var text = text
        return term.withUTF8 { needle in
            text.withUTF8 { haystack in
                guard let base = haystack.baseAddress, haystack.count >= needle.count else { return nil }
                let last = haystack.count - needle.count
                var offset = start
                while offset <= last {
                    guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
                    offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + offset, needle.baseAddress!, needle.count) == 0 { return offset }
                    offset += 1
                }
                return nil
            }
        }
    }
}

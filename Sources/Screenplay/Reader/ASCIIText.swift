/// The character tests of `TextScanning` for ASCII text, read from its bytes: in ASCII
/// every character is one byte (a logical line holds no CR LF), so each test decides what
/// the character test decides. Ranges are `start..<end` of a byte array.
enum ASCIIText {
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// `trimmingBlanks()`: the range without leading and trailing spaces and tabs.
    static func trimmingBlanks(_ bytes: [UInt8], _ start: Int, _ end: Int) -> (start: Int, end: Int) {
        var start = start
        var end = end
        while start < end && isBlank(bytes[start]) { start += 1 }
        while end > start && isBlank(bytes[end - 1]) { end -= 1 }
        return (start, end)
    }

    /// `isUppercaseWithLetter`: a letter, and no lowercase one.
    static func isUppercaseWithLetter(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        var sawLetter = false
        for index in start..<end {
            let byte = bytes[index]
            if byte >= 0x61 && byte <= 0x7A { return false }
            if byte >= 0x41 && byte <= 0x5A { sawLetter = true }
        }
        return sawLetter
    }

    /// The first index of `byte` in `start..<end`.
    static func firstIndex(of byte: UInt8, in bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var index = start
        while index < end {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// Whether `start..<end` ends with `suffix`'s bytes.
    static func hasSuffix(_ suffix: StaticString, _ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard end - start >= count else { return false }
        return suffix.withUTF8Buffer { needle in
            var index = 0
            while index < count {
                if bytes[end - count + index] != needle[index] { return false }
                index += 1
            }
            return true
        }
    }
}

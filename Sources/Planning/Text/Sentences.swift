/// Splits prose into sentences at `.`, `!`, `?`, `…` followed by a space, and at Chinese
/// `。！？`, keeping the punctuation (and closing quotes) with its sentence. Abbreviations
/// such as `Mr.` and `Dr.` and initials (`J.`) do not end a sentence. Whitespace is
/// collapsed; no sentence is empty.
enum Sentences {
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "mt", "no", "prof", "rev", "sgt", "lt", "capt", "col", "gen", "ft",
    ]

    static func split(_ text: String) -> [String] {
        if TextMeasure.isASCII(text) { return splitASCII(text) }
        let characters = Array(text)
        var sentences: [String] = []
        var current = ""
        var pendingSpace = false
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if TextMeasure.isSpace(character) {
                pendingSpace = !current.isEmpty
                index += 1
                continue
            }
            if pendingSpace {
                current.append(" ")
                pendingSpace = false
            }
            current.append(character)
            let value = character.unicodeScalars.first!.value
            if value == 0x3002 || value == 0xFF01 || value == 0xFF1F {
                while index + 1 < characters.count, isCloser(characters[index + 1]) {
                    index += 1
                    current.append(characters[index])
                }
                flush(&current, into: &sentences)
            } else if value == 0x2E || value == 0x21 || value == 0x3F || value == 0x2026 {
                while index + 1 < characters.count, isTerminal(characters[index + 1]) || isCloser(characters[index + 1]) {
                    index += 1
                    current.append(characters[index])
                }
                let atSpace = index + 1 == characters.count || TextMeasure.isSpace(characters[index + 1])
                if atSpace && !endsInAbbreviation(current.utf8) { flush(&current, into: &sentences) }
            }
            index += 1
        }
        flush(&current, into: &sentences)
        return sentences
    }

    /// The same rules over the bytes of ASCII text, where every character is one byte (a
    /// CRLF pair is two spaces, which collapse like the one character they make), a word
    /// at a time: a sentence can only end where a word does, when the word ends in a run of
    /// terminal marks and closers that holds a terminal mark (`end.`, `"Go!"`, `(done.)`).
    private static func splitASCII(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var sentences: [String] = []
            var current: [UInt8] = []
            current.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                guard !isSpace(bytes[index]) else { index += 1; continue }
                let start = index
                while index < bytes.count && !isSpace(bytes[index]) { index += 1 }
                if !current.isEmpty { current.append(0x20) }
                current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                var tail = index
                var endsSentence = false
                while tail > start && (isTerminal(bytes[tail - 1]) || isCloser(bytes[tail - 1])) {
                    tail -= 1
                    endsSentence = endsSentence || isTerminal(bytes[tail])
                }
                if endsSentence && !endsInAbbreviation(current) {
                    sentences.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
            }
            if !current.isEmpty { sentences.append(String(decoding: current, as: UTF8.self)) }
            return sentences
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    private static func isTerminal(_ byte: UInt8) -> Bool { byte == 0x2E || byte == 0x21 || byte == 0x3F }
    private static func isCloser(_ byte: UInt8) -> Bool { byte == 0x22 || byte == 0x27 || byte == 0x29 }

    private static func isTerminal(_ character: Character) -> Bool {
        let value = character.unicodeScalars.first!.value
        return value == 0x2E || value == 0x21 || value == 0x3F || value == 0x2026
    }

    /// Closing quotes and brackets that stay with the sentence they end.
    private static func isCloser(_ character: Character) -> Bool {
        switch character.unicodeScalars.first!.value {
        case 0x22, 0x27, 0x29, 0x2019, 0x201D, 0x300D, 0x300F, 0xFF09: true
        default: false
        }
    }

    private static func flush(_ current: inout String, into sentences: inout [String]) {
        while let last = current.last, last == " " { current.removeLast() }
        if !current.isEmpty { sentences.append(current) }
        current = ""
    }

    /// Whether the word before a final `.` is an initial (`J.`) or a short title (`Dr.`).
    private static func endsInAbbreviation<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Bool {
        guard bytes.last == 0x2E else { return false }
        var letters: [UInt8] = []
        var index = bytes.index(before: bytes.endIndex)
        while index > bytes.startIndex {
            index = bytes.index(before: index)
            let byte = bytes[index]
            guard (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) else { break }
            letters.append(byte | 0x20)
            if letters.count > 4 { return false }
        }
        if letters.count == 1 { return (0x41...0x5A).contains(bytes[bytes.index(bytes.endIndex, offsetBy: -2)]) }
        guard !letters.isEmpty else { return false }
        return abbreviations.contains(String(decoding: letters.reversed(), as: UTF8.self))
    }
}

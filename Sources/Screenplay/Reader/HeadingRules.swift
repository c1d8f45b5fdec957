/// Scene-heading rules: the INT/EXT prefixes (English and Chinese), scene numbers, and the
/// split into location and time of day.
enum HeadingRules {
    /// Prefixes as UTF-8 bytes with their length in characters, longest first so `INT./EXT`
    /// wins over `INT`.
    private static let prefixes: [(bytes: [UInt8], length: Int, setting: Setting)] = [
        ("INT./EXT", Setting.interiorExterior), ("INT/EXT", .interiorExterior),
        ("I./E", .interiorExterior), ("I/E", .interiorExterior),
        ("INT", .interior), ("EXT", .exterior), ("EST", .establishing),
        ("内/外景", .interiorExterior), ("内外景", .interiorExterior),
        ("内景", .interior), ("外景", .exterior),
    ].map { (Array($0.0.utf8), $0.0.count, $0.1) }

    /// Words after the last comma of a heading that name a time of day.
    private static let timeWords: Set<String> = [
        "DAY", "NIGHT", "MORNING", "AFTERNOON", "EVENING", "DUSK", "DAWN", "SUNSET", "SUNRISE",
        "NOON", "MIDNIGHT", "LATER", "MOMENTS LATER", "A MOMENT LATER", "CONTINUOUS", "SAME",
        "SAME TIME", "MAGIC HOUR", "TWILIGHT", "LATE NIGHT", "EARLY MORNING", "PRE-DAWN",
        "DAYBREAK", "NIGHTFALL", "LATE AFTERNOON", "EARLY EVENING",
    ]

    /// Chinese times of day, written as the last word of a heading.
    private static let chineseTimeWords: Set<String> = [
        "日", "夜", "晨", "昏", "白天", "夜晚", "晚上", "早晨", "清晨", "黎明", "黄昏", "傍晚",
        "午后", "下午", "上午", "中午", "深夜", "凌晨", "日/夜", "夜/日",
    ]

    /// The setting and the length in characters of the prefix, when `text` starts (in any
    /// case) with a heading prefix followed by `.`, a space or a tab, or for Chinese `。` or
    /// an ideographic space.
    static func prefix<S: StringProtocol>(of text: S) -> (setting: Setting, length: Int)? {
        let utf8 = text.utf8
        guard let first = utf8.first, first == 0x49 || first == 0x45 || first == 0x69 || first == 0x65 || first >= 0xE5
        else { return nil }   // I, E, i, e, or a CJK lead byte
        var buffer: (UInt64, UInt64) = (0, 0)   // the first 16 bytes, without allocating
        let count = withUnsafeMutableBytes(of: &buffer) { raw in
            var count = 0
            for byte in utf8.prefix(16) {
                raw[count] = byte
                count += 1
            }
            return count
        }
        return withUnsafeBytes(of: &buffer) { raw in
            match(UnsafeRawBufferPointer(rebasing: raw[..<count]))
        }
    }

    /// `prefix(of:)` for the text `bytes[start..<end]`.
    static func prefix(_ bytes: [UInt8], _ start: Int, _ end: Int) -> (setting: Setting, length: Int)? {
        guard start < end else { return nil }
        let first = bytes[start]
        guard first == 0x49 || first == 0x45 || first == 0x69 || first == 0x65 || first >= 0xE5 else { return nil }
        return bytes.withUnsafeBytes { raw in
            match(UnsafeRawBufferPointer(rebasing: raw[start..<min(end, start + 16)]))
        }
    }

    /// The prefix rule applied to a line's first bytes.
    private static func match(_ head: UnsafeRawBufferPointer) -> (setting: Setting, length: Int)? {
        for (prefix, length, setting) in prefixes where head.count > prefix.count {
            var matches = true
            for index in prefix.indices {
                let byte = head[index]
                let upper = byte >= 0x61 && byte <= 0x7A ? byte - 32 : byte
                if upper != prefix[index] { matches = false; break }
            }
            guard matches else { continue }
            let next = head[prefix.count]
            if next == 0x2E || next == 0x20 || next == 0x09 { return (setting, length) }
            if head.count >= prefix.count + 3 {
                let tail = head[prefix.count..<prefix.count + 3]
                if tail.elementsEqual([0xE3, 0x80, 0x82]) || tail.elementsEqual([0xE3, 0x80, 0x80]) {   // 。 or ideographic space
                    return (setting, length)
                }
            }
        }
        return nil
    }

    /// Builds a heading from its line, trimmed (`forced` when it began with `.`).
    static func heading(_ line: Substring, forced: Bool, range: SourceRange) -> SceneHeading {
        var body = forced ? line.dropFirst() : line
        var sceneNumber: String?
        if body.hasSuffixCharacter("#"), let open = body.dropLast().lastIndex(of: "#") {
            let number = body[body.index(after: open)..<body.index(before: body.endIndex)]
                .trimmingBlanks()
            if !number.isEmpty, number.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) {
                sceneNumber = String(number)
                body = body[..<open]
            }
        }
        let text = String(body.trimmingBlanks())
        let found = prefix(of: text)
        var rest = Substring(text)
        if let found {
            rest = rest.dropFirst(found.length)
            while let first = rest.unicodeScalars.first, first == "." || first == " " || first == "\t"
                    || first == "。" || first == "\u{3000}" {
                rest = rest.dropFirst()
            }
        }
        // A heading without a prefix names a shot (`.INSERT - THE RECEIPT`): no time of day.
        let (location, time) = found == nil ? (text, nil) : splitTimeOfDay(rest)
        return SceneHeading(text: text, setting: found?.setting, location: location, timeOfDay: time,
                            sceneNumber: sceneNumber, forced: forced, range: range)
    }

    /// `heading(_:forced:range:)` for an ASCII line, `bytes[start..<end]` (trimmed), read by
    /// its bytes: every character is one byte.
    static func heading(ascii bytes: [UInt8], _ start: Int, _ end: Int, forced: Bool, range: SourceRange) -> SceneHeading {
        let bodyStart = forced ? start + 1 : start
        var bodyEnd = end
        var sceneNumber: String?
        if bodyEnd > bodyStart && bytes[bodyEnd - 1] == 0x23,   // #
           let open = (bodyStart..<bodyEnd - 1).last(where: { bytes[$0] == 0x23 }) {
            let number = ASCIIText.trimmingBlanks(bytes, open + 1, bodyEnd - 1)
            let isNumber = (number.start..<number.end).allSatisfy { index in
                let byte = bytes[index]
                return (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x2E || byte == 0x2D
            }
            if number.start < number.end && isNumber {
                sceneNumber = String(decoding: bytes[number.start..<number.end], as: UTF8.self)
                bodyEnd = open
            }
        }
        let (textStart, textEnd) = ASCIIText.trimmingBlanks(bytes, bodyStart, bodyEnd)
        let text = String(decoding: bytes[textStart..<textEnd], as: UTF8.self)
        guard let found = prefix(bytes, textStart, textEnd) else {
            // A heading without a prefix names a shot (`.INSERT - THE RECEIPT`): no time of day.
            return SceneHeading(text: text, setting: nil, location: text, timeOfDay: nil,
                                sceneNumber: sceneNumber, forced: forced, range: range)
        }
        var restStart = textStart + found.length
        while restStart < textEnd && (bytes[restStart] == 0x2E || ASCIIText.isBlank(bytes[restStart])) { restStart += 1 }
        let (location, time) = splitASCIITimeOfDay(bytes, restStart, textEnd)
        return SceneHeading(text: text, setting: found.setting, location: location, timeOfDay: time,
                            sceneNumber: sceneNumber, forced: forced, range: range)
    }

    /// Splits `KITCHEN - NIGHT`, `APARTMENT, DAY` and `咖啡馆 夜` into location and time.
    private static func splitTimeOfDay(_ text: Substring) -> (String, String?) {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return splitASCIITimeOfDay(text) }
        for separator in [" - ", " – ", " — ", " -- "] {
            // A character match needs the bytes too; most headings lack most separators.
            guard text.containsBytes(of: separator) else { continue }
            if let range = text.lastRange(of: separator) {
                let time = text[range.upperBound...].trimmingBlanks()
                if !time.isEmpty {
                    return (String(text[..<range.lowerBound].trimmingBlanks()), String(time))
                }
            }
        }
        if let comma = text.lastIndex(of: ",") {
            let time = text[text.index(after: comma)...].trimmingBlanks()
            if timeWords.contains(time.uppercased()) {
                return (String(text[..<comma].trimmingBlanks()), String(time))
            }
        }
        if let space = text.lastIndex(where: { $0 == " " || $0 == "\u{3000}" }) {
            let time = text[text.index(after: space)...]
            if chineseTimeWords.contains(String(time)) {
                return (String(text[..<space].trimmingBlanks()), String(time))
            }
        }
        return (String(text), nil)
    }

    /// `splitTimeOfDay` for ASCII text.
    private static func splitASCIITimeOfDay(_ text: Substring) -> (String, String?) {
        let bytes = Array(text.utf8)
        return splitASCIITimeOfDay(bytes, 0, bytes.count)
    }

    /// `splitTimeOfDay` for the ASCII text `bytes[start..<end]`, by bytes: there every
    /// character is one byte (a line holds no CR LF), so a byte search finds what the
    /// character search finds; the dashes and the Chinese words and space are not ASCII, so
    /// they cannot occur.
    private static func splitASCIITimeOfDay(_ bytes: [UInt8], _ start: Int, _ end: Int) -> (String, String?) {
        func string(_ range: (start: Int, end: Int)) -> String {
            String(decoding: bytes[range.start..<range.end], as: UTF8.self)
        }
        for separator in [" - " as StaticString, " -- "] {
            guard let found = lastIndex(of: separator, in: bytes, start, end) else { continue }
            let time = ASCIIText.trimmingBlanks(bytes, found + separator.utf8CodeUnitCount, end)
            if time.start < time.end {
                return (string(ASCIIText.trimmingBlanks(bytes, start, found)), string(time))
            }
        }
        if let comma = (start..<end).last(where: { bytes[$0] == 0x2C }) {
            let time = ASCIIText.trimmingBlanks(bytes, comma + 1, end)
            if timeWords.contains(string(time).uppercased()) {
                return (string(ASCIIText.trimmingBlanks(bytes, start, comma)), string(time))
            }
        }
        return (string((start, end)), nil)
    }

    /// The start of the last occurrence of `needle`'s bytes in `bytes[start..<end]`.
    private static func lastIndex(of needle: StaticString, in bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
        needle.withUTF8Buffer { pattern in
            var found = end - pattern.count
            while found >= start {
                if pattern.indices.allSatisfy({ bytes[found + $0] == pattern[$0] }) { return found }
                found -= 1
            }
            return nil
        }
    }
}

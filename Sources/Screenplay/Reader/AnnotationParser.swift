/// Reads a note body as an annotation, `key: value; key: value`, with typed values and
/// diagnostics pointing at the bad key or value. Full-width `：` and `；` are accepted.
enum AnnotationParser {
    /// A `;`-separated piece of the body: a `key: value` pair, or text without a colon.
    private enum Piece {
        case field(Field)
        case malformed(start: Int, end: Int)
    }

    private struct Field {
        var key: String
        var keyStart: Int
        var keyEnd: Int
        var value: String
        var valueStart: Int
        var valueEnd: Int
    }

    /// The annotation in `note`, or nil when the note is a plain note (its first field is
    /// not `known-key: value`).
    static func parse(_ note: MaskedSpan, in source: SourceText, diagnostics: inout [Diagnostic]) -> Annotation? {
        let pieces = split(note, in: source)
        guard case .field(let first)? = pieces.first, Annotation.keys.contains(first.key) else {
            return nil
        }
        var annotation = Annotation(range: source.range(note.start, note.end))
        var seen: Set<String> = []
        for piece in pieces {
            guard case .field(let field) = piece else {
                if case .malformed(let start, let end) = piece {
                    diagnostics.append(Diagnostic(.error, "expected 'key: value' in annotation",
                                                  at: source.range(start, end)))
                }
                continue
            }
            let keyRange = source.range(field.keyStart, field.keyEnd)
            let valueRange = source.range(field.valueStart, field.valueEnd)
            guard Annotation.keys.contains(field.key) else {
                diagnostics.append(Diagnostic(
                    .warning, "unknown annotation key '\(field.key)'; it is ignored", at: keyRange,
                    note: "annotation keys are " + Annotation.keys.joined(separator: ", ")))
                continue
            }
            if !seen.insert(field.key).inserted {
                diagnostics.append(Diagnostic(.warning, "'\(field.key)' is given twice; the last value is used",
                                              at: keyRange))
            }
            guard !field.value.isEmpty else {
                diagnostics.append(Diagnostic(.error, "'\(field.key)' has no value", at: keyRange))
                continue
            }
            assign(field, to: &annotation, valueRange: valueRange, diagnostics: &diagnostics)
        }
        return annotation
    }

    private static func assign(_ field: Field, to annotation: inout Annotation, valueRange: SourceRange,
                               diagnostics: inout [Diagnostic]) {
        let value = field.value
        switch field.key {
        case "shot": annotation.shot = value
        case "angle": annotation.angle = value
        case "move": annotation.move = value
        case "lens": annotation.lens = value
        case "style": annotation.style = value
        case "prompt": annotation.prompt = value
        case "negative": annotation.negative = value
        case "audio": annotation.audio = AudioReference(path: value, range: valueRange)
        case "duration":
            switch DurationSyntax.parse(value) {
            case .valid(let duration): annotation.duration = duration
            case .unitless(let duration):
                annotation.duration = duration
                diagnostics.append(Diagnostic(.warning, "duration '\(value)' has no unit; read as seconds",
                                              at: valueRange, note: "write '\(value)s' for seconds or '\(value)f' for frames"))
            case .notPositive:
                diagnostics.append(Diagnostic(.error, "duration must be longer than zero", at: valueRange))
            case .invalid:
                diagnostics.append(Diagnostic(.error, "invalid duration '\(value)'", at: valueRange,
                                              note: "write seconds like '3s' or '2.5s', or frames like '72f'"))
            }
        case "seed":
            if let seed = Int(value), seed >= 0, seed <= 2_147_483_647 {
                annotation.seed = seed
            } else {
                diagnostics.append(Diagnostic(.error, "invalid seed '\(value)': expected a whole number from 0 to 2147483647",
                                              at: valueRange))
            }
        case "takes":
            if let takes = Int(value), takes >= 1, takes <= 100 {
                annotation.takes = takes
            } else {
                diagnostics.append(Diagnostic(.error, "invalid takes '\(value)': expected a whole number from 1 to 100",
                                              at: valueRange))
            }
        default:
            break
        }
    }

    /// Splits the body at `;` into pieces, skipping empty ones. Scans the bytes themselves,
    /// so offsets stay exact even when the body holds invalid UTF-8 (which decodes to a
    /// U+FFFD of a different width).
    private static func split(_ note: MaskedSpan, in source: SourceText) -> [Piece] {
        let bytes = source.bytes
        var fields: [Piece] = []
        var fieldStart = note.bodyStart
        var colon: Int?
        var colonLength = 0
        func finish(at end: Int) {
            defer { colon = nil }
            let (pieceStart, pieceEnd) = trimmed(source, fieldStart, end)
            if pieceStart == pieceEnd { return }
            guard let colon else { fields.append(.malformed(start: pieceStart, end: pieceEnd)); return }
            let (keyStart, keyEnd) = trimmed(source, fieldStart, colon)
            let (valueStart, valueEnd) = trimmed(source, colon + colonLength, end)
            fields.append(.field(Field(key: source.string(keyStart, keyEnd).lowercased(), keyStart: keyStart, keyEnd: keyEnd,
                                value: source.string(valueStart, valueEnd), valueStart: valueStart, valueEnd: valueEnd)))
        }
        var offset = note.bodyStart
        while offset < note.bodyEnd {
            let length = separatorLength(bytes, at: offset, end: note.bodyEnd, ascii: 0x3B, fullWidthLast: 0x9B)   // ; ；
            if length > 0 {
                finish(at: offset)
                fieldStart = offset + length
                offset += length
                continue
            }
            let colonWidth = separatorLength(bytes, at: offset, end: note.bodyEnd, ascii: 0x3A, fullWidthLast: 0x9A)   // : ：
            if colonWidth > 0 && colon == nil {
                colon = offset
                colonLength = colonWidth
            }
            offset += max(colonWidth, 1)
        }
        finish(at: note.bodyEnd)
        return fields
    }

    /// 1 for the ASCII separator at `offset`, 3 for its full-width form (`EF BC xx`), else 0.
    private static func separatorLength(_ bytes: [UInt8], at offset: Int, end: Int, ascii: UInt8, fullWidthLast: UInt8) -> Int {
        if bytes[offset] == ascii { return 1 }
        if bytes[offset] == 0xEF, offset + 2 < end, bytes[offset + 1] == 0xBC, bytes[offset + 2] == fullWidthLast { return 3 }
        return 0
    }

    /// The span `start..<end` without surrounding whitespace (spaces, tabs, line breaks).
    private static func trimmed(_ source: SourceText, _ start: Int, _ end: Int) -> (Int, Int) {
        var low = start
        var high = end
        let bytes = source.bytes
        while low < high, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[low]) { low += 1 }
        while high > low, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[high - 1]) { high -= 1 }
        return (low, high)
    }
}

/// The duration syntax of annotations: `3s`, `2.5s`, `3 sec`, `72f`, `72 frames`, `3秒`, `72帧`.
enum DurationSyntax {
    enum Result: Equatable {
        case valid(ShotDuration)
        case unitless(ShotDuration)
        case notPositive
        case invalid
    }

    static func parse(_ text: String) -> Result {
        let trimmed = text.trimmingBlanks()
        let numberEnd = trimmed.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? trimmed.endIndex
        let number = trimmed[..<numberEnd]
        let unit = trimmed[numberEnd...].trimmingBlanks().lowercased()
        guard !number.isEmpty, number.filter({ $0 == "." }).count <= 1, number != "." else { return .invalid }
        switch unit {
        case "f", "fr", "frame", "frames", "帧":
            guard !number.contains("."), let frames = Int(number) else { return .invalid }
            return frames > 0 ? .valid(.frames(frames)) : .notPositive
        case "s", "sec", "secs", "second", "seconds", "秒", "":
            guard let milliseconds = milliseconds(number) else { return .invalid }
            guard milliseconds > 0 else { return .notPositive }
            return unit.isEmpty ? .unitless(.milliseconds(milliseconds)) : .valid(.milliseconds(milliseconds))
        default:
            return .invalid
        }
    }

    /// `2.5` as 2500, exactly (digits past the third decimal are rounded).
    private static func milliseconds(_ number: Substring) -> Int? {
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard let whole = Int(parts[0].isEmpty ? "0" : parts[0]), whole < 1_000_000 else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let digits = Array(parts[1])
            for position in 0..<3 {
                fraction = fraction * 10 + (position < digits.count ? Int(String(digits[position]))! : 0)
            }
            if digits.count > 3, let next = Int(String(digits[3])), next >= 5 { fraction += 1 }
        }
        return whole * 1000 + fraction
    }
}

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
    /// not `known-key: value`). A plain note that looks like a failed annotation is a warning.
    static func parse(_ note: MaskedSpan, in source: SourceText, diagnostics: inout [Diagnostic]) -> Annotation? {
        let pieces = split(note, in: source)
        guard case .field(let first)? = pieces.first, AnnotationKey(rawValue: first.key) != nil else {
            if let warning = failedAnnotation(pieces, in: source) { diagnostics.append(warning) }
            return nil
        }
        var annotation = Annotation(range: source.range(note.start, note.end))
        var seen: Set<AnnotationKey> = []
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
            guard let key = AnnotationKey(rawValue: field.key) else {
                diagnostics.append(Diagnostic(.warning, "unknown annotation key '\(field.key)'; it is ignored", at: keyRange,
                                              note: keyHelp(field.key)))
                continue
            }
            if !seen.insert(key).inserted {
                diagnostics.append(Diagnostic(.warning, "'\(field.key)' is given twice; the last value is used",
                                              at: keyRange))
            }
            guard !field.value.isEmpty else {
                diagnostics.append(Diagnostic(.error, "'\(field.key)' has no value", at: keyRange))
                continue
            }
            if let value = read(field.value, for: key, at: valueRange, diagnostics: &diagnostics) {
                annotation[key] = AnnotationField(value, at: valueRange)
            }
        }
        return annotation
    }

    private static let keyNames = AnnotationKey.allCases.map(\.rawValue)

    /// "did you mean" for a key close to a known one, else the list of keys.
    private static func keyHelp(_ key: String) -> String {
        SpellingSuggestion.closest(to: key, among: keyNames).map { "did you mean '\($0)'?" }
            ?? "annotation keys are " + keyNames.joined(separator: ", ")
    }

    /// A warning for a plain note that was probably meant as an annotation: its first key is
    /// a slip for a known one (`[[shoot: CU]]`), or it starts with a key but no `:` follows
    /// (`[[shot CU]]`). A note in prose (`[[Note: call the DP]]`, `[[Move this scene up]]`)
    /// is neither: a capitalised key word without `:` counts only when a real `key: value`
    /// follows it in the same note.
    private static func failedAnnotation(_ pieces: [Piece], in source: SourceText) -> Diagnostic? {
        switch pieces.first {
        case .field(let first)?:
            guard let suggestion = SpellingSuggestion.closest(to: first.key, among: keyNames) else { return nil }
            return Diagnostic(.warning, "unknown annotation key '\(first.key)'; this note is read as a plain note",
                              at: source.range(first.keyStart, first.keyEnd), note: "did you mean '\(suggestion)'?")
        case .malformed(let start, let end)?:
            var wordEnd = start
            while wordEnd < end, ![0x20, 0x09, 0x0A, 0x0D].contains(source.bytes[wordEnd]) { wordEnd += 1 }
            let word = source.string(start, wordEnd)
            let laterField = pieces.dropFirst().contains {
                if case .field(let field) = $0 { AnnotationKey(rawValue: field.key) != nil } else { false }
            }
            guard let key = AnnotationKey(rawValue: word.lowercased()), wordEnd < end,
                  word == key.rawValue || laterField else { return nil }
            return Diagnostic(.warning, "no ':' after annotation key '\(word)'; this note is read as a plain note",
                              at: source.range(start, wordEnd), note: "write '\(key.rawValue): …' to make it an annotation")
        case nil:
            return nil
        }
    }

    /// The value `text` typed by `key`'s kind, or nil with a diagnostic at the value.
    private static func read(_ text: String, for key: AnnotationKey, at valueRange: SourceRange,
                             diagnostics: inout [Diagnostic]) -> AnnotationValue? {
        switch key.valueKind {
        case .text:
            return .text(text)
        case .duration:
            switch DurationSyntax.parse(text) {
            case .valid(let duration):
                return .duration(duration)
            case .unitless(let duration):
                diagnostics.append(Diagnostic(.warning, "\(key.rawValue) '\(text)' has no unit; read as seconds",
                                              at: valueRange, note: "write '\(text)s' for seconds or '\(text)f' for frames"))
                return .duration(duration)
            case .notPositive:
                diagnostics.append(Diagnostic(.error, "\(key.rawValue) must be longer than zero", at: valueRange))
            case .invalid:
                diagnostics.append(Diagnostic(.error, "invalid \(key.rawValue) '\(text)'", at: valueRange,
                                              note: "write seconds like '3s' or '2.5s', or frames like '72f'"))
            }
            return nil
        case .integer(let range):
            if let number = Int(text), range.contains(number) { return .integer(number) }
            diagnostics.append(Diagnostic(
                .error, "invalid \(key.rawValue) '\(text)': expected a whole number from \(range.lowerBound) to \(range.upperBound)",
                at: valueRange))
            return nil
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

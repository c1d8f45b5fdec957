import Screenplay

/// The character level of `TOMLReader`: position keeping, spaces and comments, strings,
/// numbers and booleans. Columns count Unicode scalars, as YAML's marks do.
struct TOMLScanner {
    private let text: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ source: String) {
        var scalars = Array(source.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        // CRLF is a newline; a carriage return alone is then a control character.
        var text: [Unicode.Scalar] = []
        text.reserveCapacity(scalars.count)
        for (position, scalar) in scalars.enumerated()
        where !(scalar == "\r" && position + 1 < scalars.count && scalars[position + 1] == "\n") {
            text.append(scalar)
        }
        self.text = text
    }

    /// Where the next character is.
    var location: SourceLocation { SourceLocation(line: line, column: column, offset: index) }

    func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < text.count ? text[index + ahead] : nil
    }

    mutating func advance() {
        guard index < text.count else { return }
        if text[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    mutating func skipSpaces() {
        while peek() == " " || peek() == "\t" { advance() }
    }

    mutating func skipComment() {
        while let character = peek(), character != "\n" { advance() }
    }

    /// Spaces, new lines and comments, as may come between a list's items.
    mutating func skipSpacesLinesAndComments() {
        while let character = peek() {
            switch character {
            case " ", "\t", "\n": advance()
            case "#": skipComment()
            default: return
            }
        }
    }

    /// Spaces and a comment, then the end of the line or of the file.
    mutating func endOfLine() throws(ConfigError) {
        skipSpaces()
        if peek() == "#" { skipComment() }
        guard let character = peek() else { return }
        guard character == "\n" else {
            throw ConfigError("expected the end of the line, found '\(character)'", at: location)
        }
        advance()
    }

    /// A bare key: letters, digits, `_` and `-`; empty when none start here.
    mutating func bareKey() -> String {
        var word = ""
        while let character = peek(), Self.isBareKeyCharacter(character) {
            word.unicodeScalars.append(character)
            advance()
        }
        return word
    }

    /// `"…"` with TOML's escapes.
    mutating func basicString() throws(ConfigError) -> String {
        let start = location
        if peek(1) == "\"" && peek(2) == "\"" {
            throw ConfigError("multi-line strings (\"\"\"...\"\"\") are not supported in a project file", at: start)
        }
        advance()
        var value = ""
        while true {
            guard let character = peek(), character != "\n" else {
                throw ConfigError("the string does not end on its line", at: start)
            }
            if character == "\"" {
                advance()
                return value
            }
            if character == "\\" {
                value.unicodeScalars.append(try escape())
                continue
            }
            try checkNotControl(character)
            value.unicodeScalars.append(character)
            advance()
        }
    }

    /// `'…'`, taken as written.
    mutating func literalString() throws(ConfigError) -> String {
        let start = location
        if peek(1) == "'" && peek(2) == "'" {
            throw ConfigError("multi-line strings ('''...''') are not supported in a project file", at: start)
        }
        advance()
        var value = ""
        while true {
            guard let character = peek(), character != "\n" else {
                throw ConfigError("the string does not end on its line", at: start)
            }
            advance()
            if character == "'" { return value }
            try checkNotControl(character)
            value.unicodeScalars.append(character)
        }
    }

    /// A boolean, integer or float: the value's whole word, checked against TOML's grammar.
    mutating func plainValue() throws(ConfigError) -> ConfigNode.Value {
        let start = location
        var word = ""
        while let character = peek(), !" \t\n,]}#".unicodeScalars.contains(character) {
            word.unicodeScalars.append(character)
            advance()
        }
        if word == "true" { return .bool(true) }
        if word == "false" { return .bool(false) }
        guard !word.isEmpty else { throw ConfigError("expected a value", at: start) }
        switch TOMLNumber.read(word) {
        case .number(let value): return value
        case .tooLarge: throw ConfigError("the number \(word) is too large", at: start)
        case .notANumber: break
        }
        if let unsupported = TOMLNumber.unsupportedKind(word) {
            throw ConfigError("\(unsupported) are not supported in a project file", at: start)
        }
        throw ConfigError(
            "expected a value, found '\(word)'", at: start, note: "a string needs quotes: \"\(word)\"")
    }

    /// `\n`, `\"`, `\u00E9`…: the character it stands for.
    private mutating func escape() throws(ConfigError) -> Unicode.Scalar {
        let start = location
        advance()
        guard let code = peek() else { throw ConfigError("the string does not end on its line", at: start) }
        advance()
        switch code {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            var digits = ""
            for _ in 0..<(code == "u" ? 4 : 8) {
                guard let digit = peek(), digit.properties.isASCIIHexDigit else {
                    throw ConfigError("\\\(code) needs \(code == "u" ? 4 : 8) hexadecimal digits", at: start)
                }
                digits.unicodeScalars.append(digit)
                advance()
            }
            guard let value = UInt32(digits, radix: 16).flatMap(Unicode.Scalar.init) else {
                throw ConfigError("\\\(code)\(digits) is not a Unicode scalar value", at: start)
            }
            return value
        default:
            throw ConfigError(
                "unknown escape '\\\(code)'", at: start,
                note: "TOML's escapes are \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX")
        }
    }

    private func checkNotControl(_ character: Unicode.Scalar) throws(ConfigError) {
        if (character.value < 0x20 && character != "\t") || character.value == 0x7F {
            throw ConfigError("a control character must be written as an escape in a string", at: location)
        }
    }

    private static func isBareKeyCharacter(_ character: Unicode.Scalar) -> Bool {
        character.isASCII && (character.properties.isAlphabetic || ("0"..."9").contains(character) || character == "_"
            || character == "-")
    }
}

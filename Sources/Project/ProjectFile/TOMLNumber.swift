/// TOML's decimal integers and floats: `42`, `-7`, `1_000`, `0.5`, `+1e-3`, `6.02e23`.
enum TOMLNumber {
    /// What a word reads as.
    enum Reading {
        case number(ConfigNode.Value)
        /// An integer beyond `Int`'s range.
        case tooLarge
        case notANumber
    }

    /// The number `word` spells, if it spells one.
    static func read(_ word: String) -> Reading {
        let characters = Array(word.unicodeScalars)
        var position = 0
        if position < characters.count, characters[position] == "+" || characters[position] == "-" { position += 1 }
        let integerStart = position
        guard let integerEnd = digits(characters, from: position) else { return .notANumber }
        // No leading zeros: `0` alone, or a number not starting with 0.
        if characters[integerStart] == "0" && integerEnd - integerStart > 1 { return .notANumber }
        position = integerEnd
        var isFloat = false
        if position < characters.count, characters[position] == "." {
            guard let end = digits(characters, from: position + 1) else { return .notANumber }
            position = end
            isFloat = true
        }
        if position < characters.count, characters[position] == "e" || characters[position] == "E" {
            position += 1
            if position < characters.count, characters[position] == "+" || characters[position] == "-" { position += 1 }
            guard let end = digits(characters, from: position) else { return .notANumber }
            position = end
            isFloat = true
        }
        guard position == characters.count else { return .notANumber }
        let plain = word.replacingOccurrences(of: "_", with: "")
        if isFloat { return Double(plain).map { .number(.float($0)) } ?? .notANumber }
        return Int(plain).map { .number(.integer($0)) } ?? .tooLarge
    }

    /// What TOML calls a value of this shape, when it is one the project file does not read.
    static func unsupportedKind(_ word: String) -> String? {
        let unsigned = word.hasPrefix("+") || word.hasPrefix("-") ? String(word.dropFirst()) : word
        if unsigned == "inf" || unsigned == "nan" { return "inf and nan" }
        if ["0x", "0o", "0b"].contains(where: unsigned.hasPrefix) { return "hexadecimal, octal and binary integers" }
        if let first = word.unicodeScalars.first, ("0"..."9").contains(first), word.contains(":") || word.contains("-") {
            return "dates and times"
        }
        return nil
    }

    /// The end of a run of digits starting at `start`, each `_` between two digits; nil when
    /// no digit starts there.
    private static func digits(_ characters: [Unicode.Scalar], from start: Int) -> Int? {
        var position = start
        var previousWasDigit = false
        while position < characters.count {
            let character = characters[position]
            if ("0"..."9").contains(character) {
                previousWasDigit = true
            } else if character == "_" && previousWasDigit && position + 1 < characters.count
                && ("0"..."9").contains(characters[position + 1]) {
                previousWasDigit = false
            } else {
                break
            }
            position += 1
        }
        return position > start && previousWasDigit ? position : nil
    }
}

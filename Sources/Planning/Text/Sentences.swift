/// Splits prose into sentences at `.`, `!`, `?`, `…` followed by a space, and at Chinese
/// `。！？`, keeping the punctuation with its sentence. Abbreviations such as `Mr.` and
/// `Dr.` and initials (`J.`) do not end a sentence.
enum Sentences {
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "mt", "no", "prof", "rev", "sgt", "lt", "capt", "col", "gen", "ft",
    ]

    /// The sentences of `text`, whitespace collapsed, never empty strings.
    static func split(_ text: String) -> [String] {
        let collapsed = TextMeasure.collapsingWhitespace(text)
        var sentences: [String] = []
        var current = ""
        var characters = Array(collapsed)
        characters.append(" ")
        var index = 0
        while index < characters.count - 1 {
            let character = characters[index]
            current.append(character)
            if "。！？".contains(character) {
                while index + 1 < characters.count - 1, "”」』\"’）)".contains(characters[index + 1]) {
                    index += 1
                    current.append(characters[index])
                }
                flush(&current, into: &sentences)
            } else if ".!?…".contains(character) {
                while index + 1 < characters.count - 1, ".!?…\"”’')".contains(characters[index + 1]) {
                    index += 1
                    current.append(characters[index])
                }
                if characters[index + 1] == " " && !endsInAbbreviation(current) {
                    flush(&current, into: &sentences)
                }
            }
            index += 1
        }
        flush(&current, into: &sentences)
        return sentences
    }

    private static func flush(_ current: inout String, into sentences: inout [String]) {
        let trimmed = TextMeasure.collapsingWhitespace(current)
        if !trimmed.isEmpty { sentences.append(trimmed) }
        current = ""
    }

    private static func endsInAbbreviation(_ text: String) -> Bool {
        guard text.hasSuffix(".") else { return false }
        let word = text.dropLast().reversed().prefix { $0.isLetter }
        let lower = String(word.reversed()).lowercased()
        if lower.count == 1 && word.first?.isUppercase == true { return true }
        return abbreviations.contains(lower)
    }
}

import Screenplay

/// Builds the character bible: for each speaking character, the description at their
/// introduction — the first time their name appears in capitals in the action (for Chinese
/// names, the first time at all) — from `NAME (description)` or `NAME, description,`.
enum CharacterBible {
    /// The longest appositive read as a description, in words (or Chinese characters / 2).
    static let maximumDescriptionWords = 14

    static func build(_ screenplay: Screenplay, cast: CastIndex) -> [CharacterProfile] {
        // By name index; the search stops once every character is introduced.
        var found = [(description: String?, range: SourceRange)?](repeating: nil, count: cast.names.count)
        var missing = cast.names.count
        for element in screenplay.allElements where missing > 0 {
            guard case .action(let action) = element else { continue }
            let text = TextMeasure.collapsingWhitespace(action.text)
            for (index, name) in cast.names.enumerated() where found[index] == nil {
                guard let range = introduction(of: name, in: text) else { continue }
                found[index] = (description(after: range, in: text), action.range)
                missing -= 1
            }
        }
        return zip(cast.names, found).map { name, found in
            CharacterProfile(name: name, displayName: CastIndex.display(name), description: found?.description,
                             introduction: found?.range)
        }.sorted { lhs, rhs in
            switch (lhs.introduction, rhs.introduction) {
            case let (left?, right?) where left.start != right.start: left.start < right.start
            case (_?, nil): true
            case (nil, _?): false
            default: lhs.name < rhs.name
            }
        }
    }

    /// Where `name` is introduced in `text`: written in capitals (the name is uppercase and
    /// matched case-sensitively), or anywhere for a Chinese name.
    private static func introduction(of name: String, in text: String) -> Range<String.Index>? {
        TextMeasure.range(of: name, in: text)
    }

    /// The description right after a name: its capitalised surname run is skipped, then a
    /// parenthesis or a comma-delimited appositive is read.
    private static func description(after range: Range<String.Index>, in text: String) -> String? {
        var rest = text[range.upperBound...]
        // Skip the rest of a capitalised full name (`BRICK BRADDOCK`), and a possessive.
        while true {
            let trimmed = rest.drop { $0 == " " }
            let word = trimmed.prefix { !$0.isWhitespace && $0 != "," && $0 != "(" && $0 != "（" && $0 != "，" }
            let letters = word.filter(\.isLetter)
            guard trimmed.first != nil, letters.count >= 2, letters.allSatisfy(\.isUppercase), rest.first == " " else { break }
            rest = trimmed.dropFirst(word.count)
        }
        rest = rest.drop { $0 == " " }
        var description: Substring?
        if let open = rest.first, open == "(" || open == "（" {
            if let close = rest.firstIndex(where: { $0 == ")" || $0 == "）" }) {
                description = rest[rest.index(after: rest.startIndex)..<close]
            }
        } else if let comma = rest.first, comma == "," || comma == "，" {
            let body = rest.dropFirst()
            if let end = body.firstIndex(where: { ",，.。;；:：".contains($0) }), ",，".contains(body[end]) {
                description = body[..<end]
            }
        }
        guard let description else { return nil }
        let cleaned = TextMeasure.collapsingWhitespace(description)
        let size = TextMeasure.words(cleaned) + TextMeasure.ideographs(cleaned) / 2
        guard !cleaned.isEmpty, size <= maximumDescriptionWords else { return nil }
        let letters = cleaned.filter(\.isLetter)
        let shouted = letters.count >= 2 && letters.allSatisfy { $0.isUppercase || !$0.isCased }
            && letters.contains(where: \.isCased)
        return shouted ? cleaned.lowercased() : cleaned
    }
}

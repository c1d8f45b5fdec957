import Screenplay

/// The film's characters, by canonical cue name (uppercase, no extensions), and how to
/// find them in prose: `Brick`, `BRICK` and `Brick's` all name `BRICK`; `安娜` names `安娜`.
struct CastIndex: Sendable {
    /// Canonical names, longest first, so `YOUNG EDWARD` wins over `EDWARD`.
    let names: [String]

    /// Every word of every name (`BRICK`, `DR.`, `BENNETT`).
    let nameWords: Set<String>
    /// Each name's first ASCII word, a quick filter before searching; nil for names that
    /// start outside ASCII (Chinese), which are always searched.
    private let firstWords: [FirstWords.Word?]
    /// The first words arranged for the one pass over a text that finds which are in it.
    private let firstWordTable: FirstWords

    init(names: some Sequence<String>) {
        // A script spells each cue the same way hundreds of times: each spelling is made
        // canonical once, and each name's length in characters counted once for the sort.
        let canonical: Set<String> = Set(Set(names).map(CastIndex.canonical).filter { !$0.isEmpty })
        let measured: [(name: String, length: Int)] = canonical.map { ($0, $0.count) }
        self.names = measured.sorted { $0.length != $1.length ? $0.length > $1.length : $0.name < $1.name }.map(\.name)
        nameWords = Set(self.names.flatMap { $0.split(separator: " ").map(String.init) })
        firstWords = self.names.map { name in
            let word = name.utf8.split { !CastIndex.isNameByte($0) }.first.map { FirstWords.Word(Substring($0)) }
            return name.utf8.first.map { $0 < 0x80 && CastIndex.isNameByte($0) } == true ? word : nil
        }
        firstWordTable = FirstWords(firstWords)
    }

    /// ASCII letters and digits, and every byte of a non-ASCII character, make up name words.
    static func isNameByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
    }

    /// Every speaking character of a screenplay.
    init(_ screenplay: Screenplay) {
        var found: [String] = []
        for element in screenplay.allElements {
            if case .dialogue(let dialogue) = element { found.append(dialogue.character) }
        }
        self.init(names: found)
    }

    /// A cue name as the plan keys it: trimmed, uppercased, `(CONT'D)` and the like removed.
    static func canonical(_ name: String) -> String {
        var text = Substring(name)
        if let open = text.firstIndex(where: { $0 == "(" || $0 == "（" }) { text = text[..<open] }
        return TextMeasure.collapsingWhitespace(text.uppercased())
    }

    /// The characters named in `text`, in order of first mention. An English name counts
    /// when written with a capital (`Brick`, `BRICK`), so a cue like `MAN` is not found in
    /// "the man".
    func characters(in text: String) -> [String] {
        mentions(in: text).map(\.name)
    }

    /// Where each character is first named in `text`, in order.
    func mentions(in text: String) -> [(name: String, range: Range<String.Index>)] {
        guard !text.isEmpty else { return [] }
        let upper = text.uppercased()
        // Upper-casing keeps every character's width in the scripts this reads; when it
        // does not, indices would not carry over, so nothing is found.
        guard upper.utf8.count == text.utf8.count else { return [] }
        let present = firstWordTable.wordsPresent(in: upper)
        var taken: [(name: String, range: Range<String.Index>)] = []
        for (index, name) in names.enumerated() where firstWords[index] == nil || present[index] {
            var from = upper.startIndex
            while let found = TextMeasure.range(of: name, in: upper, from: from) {
                let capitalised = text[found].first.map { $0.isUppercase || !$0.isCased } ?? false
                if capitalised && !taken.contains(where: { $0.range.overlaps(found) }) {
                    taken.append((name, found))
                    break
                }
                from = upper.index(after: found.lowerBound)
            }
        }
        return taken.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Whether `text` is nothing but character names and joining words (`WILL AND SANDRA`).
    func isOnlyNames(_ text: String) -> Bool {
        var rest = text.uppercased()
        for mention in mentions(in: text).reversed() { rest.replaceSubrange(mention.range, with: " ") }
        let leftover = rest.split(whereSeparator: { !$0.isLetter && !TextMeasure.isIdeograph($0.unicodeScalars.first!) })
        return leftover.allSatisfy { ["AND", "&", "WITH", "和", "与", "跟"].contains(String($0)) }
    }

    /// A name as prompts print it: `BRICK` → `Brick`, `DR. BENNETT` → `Dr. Bennett`; Chinese
    /// names unchanged.
    static func display(_ name: String) -> String {
        name.split(separator: " ").map { word -> String in
            guard let first = word.first else { return "" }
            return String(first).uppercased() + word.dropFirst().lowercased()
        }.joined(separator: " ")
    }
}

import Screenplay

/// People a scene introduces in capitals who never speak (`a POLICE SERGEANT pushes`,
/// `the night ATTENDANT (20s)`, `RAY, younger`, `HARUN (60s)`): not cast, so not named in
/// prompts, but figures all the same when action frames a shot. Read from the scene's own
/// action, so another scene's edit never changes them.
struct Extras: Sendable {
    /// Each extra's name in capitals and as prose writes it later (`OLD COUPLE`, `Old Couple`).
    private(set) var names: [(upper: String, title: String)] = []

    init(_ scene: SceneSource, cast: CastIndex) {
        var found: Set<String> = []
        for case .element(.action(let action)) in scene.items where TextMeasure.isASCII(action.text) {
            // ASCII text: each character is a byte but CR LF, and both of those are white space,
            // so splitting the bytes at white space gives the words splitting the characters does.
            let words = action.text.utf8.split(whereSeparator: Self.isWhitespace).map(Substring.init)
            var index = 0
            while index < words.count {
                var end = index
                while end < words.count, Self.isShouted(words[end]) { end += 1 }
                guard end > index else { index += 1; continue }
                let run = words[index..<end].map { String($0).trimmingCharacters(in: ",.;:!?") }
                let after = end < words.count ? words[end] : ""
                let introduced = index > 0 && ["a", "an", "the"].contains(words[index - 1].lowercased())
                    || words[end - 1].hasSuffix(",") || after.hasPrefix("(")
                let name = run.joined(separator: " ")
                if introduced, run.allSatisfy({ $0.count >= 2 }), cast.characters(in: name).isEmpty, found.insert(name).inserted {
                    names.append((name, CastIndex.display(name)))
                }
                index = end
            }
        }
    }

    /// How many extras `text` mentions, in capitals or as a name.
    func count(in text: String) -> Int {
        names.reduce(0) { $0 + (TextMeasure.contains($1.upper, in: text) || TextMeasure.contains($1.title, in: text) ? 1 : 0) }
    }

    /// A word in capitals: two or more letters, all upper case (a trailing comma or stop aside).
    /// Only asked of ASCII words, whose bytes are their characters.
    private static func isShouted(_ word: Substring) -> Bool {
        var letters = word.utf8[...]
        while let first = letters.first, isTrimmed(first) { letters = letters.dropFirst() }
        while let last = letters.last, isTrimmed(last) { letters = letters.dropLast() }
        return letters.count >= 2 && letters.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    /// `,.;:!?'`, which `isShouted` trims off a word's ends.
    private static func isTrimmed(_ byte: UInt8) -> Bool {
        byte == 0x2C || byte == 0x2E || byte == 0x3B || byte == 0x3A || byte == 0x21 || byte == 0x3F || byte == 0x27
    }

    /// ASCII white space (tab, LF, VT, FF, CR, space): the ASCII characters `isWhitespace` holds for.
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}

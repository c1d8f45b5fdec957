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
            let words = action.text.split(whereSeparator: \.isWhitespace)
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
    private static func isShouted(_ word: Substring) -> Bool {
        let letters = String(word).trimmingCharacters(in: ",.;:!?'")
        return letters.count >= 2 && letters.allSatisfy { $0.isLetter && $0.isUppercase }
    }
}

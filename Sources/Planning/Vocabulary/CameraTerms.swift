/// Reads camera vocabulary out of text: annotation values (`CU Anna`, `特写 安娜`, `dolly in`),
/// shot lines (`CLOSE ON THE LETTER`) and camera verbs in action ("we push in", "镜头推近").
enum CameraTerms {
    /// The first shot size named in `text` and what follows it, e.g. `CU Anna` → (.closeUp, "Anna").
    static func size(in text: String) -> (size: ShotSize, rest: String)? {
        let lower = text.lowercased()
        var best: (size: ShotSize, range: Range<String.Index>)?
        for (size, spellings) in ShotSize.spellings {
            for spelling in spellings {
                guard let found = TextMeasure.range(of: spelling, in: lower) else { continue }
                if let current = best, !(found.lowerBound < current.range.lowerBound
                    || (found.lowerBound == current.range.lowerBound && found.upperBound > current.range.upperBound)) {
                    continue
                }
                best = (size, found)
            }
        }
        guard let best else { return nil }
        // Lowercasing keeps the scalar layout of the scripts this reads, so offsets carry over.
        let start = lower.distance(from: lower.startIndex, to: best.range.lowerBound)
        let end = lower.distance(from: lower.startIndex, to: best.range.upperBound)
        guard lower.count == text.count else { return (best.size, "") }
        let before = text.prefix(start)
        let after = text.dropFirst(end)
        let rest = TextMeasure.collapsingWhitespace(before + " " + after)
        return (best.size, rest.trimmingCharacters(in: " -–—:,.;"))
    }

    /// The camera angle named in `text`, if any.
    static func angle(in text: String) -> CameraAngle? {
        first(of: CameraAngle.spellings, in: text.lowercased())
    }

    /// The camera move an annotation's `move` value names.
    static func move(named text: String) -> CameraMove? {
        first(of: CameraMove.spellings, in: text.lowercased())
    }

    /// The direction `text` gives `move` (`crane down`, `向左摇`), if it gives one the move can take.
    static func direction(of move: CameraMove, in text: String) -> MoveDirection? {
        let allowed = MoveDirection.allowed(for: move)
        guard !allowed.isEmpty else { return nil }
        let lower = text.lowercased()
        let words = lower.split(whereSeparator: { !$0.isLetter })
        return allowed.first { direction in
            MoveDirection.spellings.first { $0.0 == direction }!.1.contains { spelling in
                spelling.unicodeScalars.allSatisfy(\.isASCII) ? words.contains(Substring(spelling)) : TextMeasure.includes(spelling, in: lower)
            }
        }
    }

    /// The camera move action prose describes ("we push in", "the camera tracks", "镜头推近").
    static func move(inAction text: String) -> CameraMove? {
        let lower = text.lowercased()
        return move(inLowercasedAction: lower, words: WordStarts(lower))
    }

    /// The same for action already lowercased, with its word starts.
    static func move(inLowercasedAction lower: String, words: WordStarts) -> CameraMove? {
        for (move, cues) in CameraMove.actionCues
        where cues.contains(where: { words.mayContain($0) && TextMeasure.contains($0, in: lower) }) {
            return move
        }
        return nil
    }

    private static func first<T>(of table: [(T, [String])], in lower: String) -> T? {
        var best: (value: T, range: Range<String.Index>)?
        for (value, spellings) in table {
            for spelling in spellings {
                guard let found = TextMeasure.range(of: spelling, in: lower) else { continue }
                if let current = best, !(found.lowerBound < current.range.lowerBound
                    || (found.lowerBound == current.range.lowerBound && found.upperBound > current.range.upperBound)) {
                    continue
                }
                best = (value, found)
            }
        }
        return best?.value
    }
}

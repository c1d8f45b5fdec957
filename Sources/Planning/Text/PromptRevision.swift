/// Edits of prompt text a review asks for: phrases taken out where they stand as words,
/// text added to a list such as a negative prompt without pushing the addition past its limit.
public enum PromptRevision {
    /// `prompt` without each of `phrases` wherever it stands as whole words (ASCII letters
    /// compared without case; a Chinese phrase matches anywhere), and without the empty
    /// clauses and doubled spaces that leaves.
    public static func removing(_ phrases: [String], from prompt: String) -> String {
        var text = prompt
        for phrase in phrases {
            let needle = asciiLowercased(TextMeasure.collapsingWhitespace(phrase))
            guard !needle.isEmpty else { continue }
            while let found = TextMeasure.range(of: needle, in: asciiLowercased(text)) {
                let utf8 = text.utf8
                let lower = utf8.distance(from: utf8.startIndex, to: found.lowerBound)
                let upper = utf8.distance(from: utf8.startIndex, to: found.upperBound)
                text = String(decoding: Array(utf8.prefix(lower)) + Array(utf8.dropFirst(upper)), as: UTF8.self)
            }
        }
        return text == prompt ? prompt : tidy(text)
    }

    /// `text` with `addition` after it, `text` cut at a clause so that the whole addition
    /// fits in `limit` characters.
    public static func adding(_ addition: String, to text: String, limit: Int, language: PromptLanguage) -> String {
        let separator = language == .chinese ? "，" : ", "
        let trimmed = addition.trimmingCharacters(in: " ")
        guard !trimmed.isEmpty else { return text }
        guard !text.isEmpty else { return PromptText.cut(trimmed, to: limit) }
        let room = limit - TextMeasure.characterCount(trimmed) - separator.count
        var base = PromptText.cut(text, to: max(room, 0))
        while let last = base.last, ".。,，;；".contains(last) { base.removeLast() }
        return base.isEmpty ? PromptText.cut(trimmed, to: limit) : base + separator + trimmed
    }

    /// Spaces collapsed, no space before a mark, no clause left empty (`, ,`, `. ,`), no
    /// mark at the start.
    private static func tidy(_ text: String) -> String {
        let marks: Set<Character> = [",", ".", ";", ":", "!", "?", "，", "。", "；", "：", "、"]
        var out: [Character] = []
        for character in text {
            if character == " " {
                if out.isEmpty || out.last == " " { continue }
                out.append(character)
            } else if marks.contains(character) {
                while out.last == " " { out.removeLast() }
                if out.isEmpty { continue }
                if let last = out.last, marks.contains(last) {
                    // Of two marks in a row, the stronger stays: a full stop over a comma.
                    if [".", "。", "!", "?"].contains(character) { out[out.count - 1] = character }
                    continue
                }
                out.append(character)
            } else {
                out.append(character)
            }
        }
        while out.last == " " { out.removeLast() }
        // A prompt starts a sentence, also when its first word was taken out.
        return String(out).capitalisedFirst
    }

    /// `text` with ASCII capitals lowered and every other byte kept, so offsets carry over.
    private static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

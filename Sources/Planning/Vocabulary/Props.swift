/// Small things a board artist draws as an insert: what a hand holds, a screen, a mark on
/// someone. A sentence about one of them — it opens on the thing (`A pager goes off on
/// Ruth's hip.`, `Barbara's stopwatch.`), or it is a short hand at work on it (`Tomas grips
/// the scraper.`) — is a picture of its own, framed close.
enum Props {
    /// Things small enough to fill the frame, lowercased, matched as whole words (Chinese anywhere).
    static let nouns = ["phone", "receiver", "handset", "pager", "stopwatch", "letter", "envelope", "photo", "photograph",
                        "card", "key", "keys", "ring", "cup", "mug", "bottle", "knife", "gun", "pistol", "pen", "notebook",
                        "note", "tablet", "screen", "coin", "ticket", "map", "scraper", "lighter", "cigarette", "wallet",
                        "badge", "contract", "syringe", "pill", "pills", "needle", "locket", "necklace", "blood", "tin",
                        "radio", "clock", "trigger",
                        "照片", "信封", "钥匙", "戒指", "杯子", "合同", "棋子", "手机", "电话", "硬币", "车票", "刀", "枪", "纸条", "血"]
    /// Hands at work on a thing.
    static let handVerbs = ["grips", "clutches", "clicks", "pockets", "fingers", "taps", "squeezes", "holds up", "shows",
                            "picks up", "lays", "sets down", "puts down", "turns over", "unfolds", "folds", "opens", "reads",
                            "dials", "pulls out", "takes out", "slides", "fixes",
                            "拿起", "拿出", "推到", "放在", "摆上", "握紧", "递给", "塞到", "掏出"]
    /// A hand-at-work sentence longer than this (words, or Chinese characters / 2) shows more than the hand.
    static let handSentenceWords = 8

    /// Whether `sentence` (with `lower` its lowercased text and `words` their word starts) is an insert.
    static func isInsert(_ sentence: Substring, lower: String, words: WordStarts, cast: CastIndex) -> Bool {
        func names(_ terms: [String], in text: String) -> Bool {
            terms.contains { words.mayContain($0) && TextMeasure.contains($0, in: text) }
        }
        guard names(nouns, in: lower) else { return false }
        let opening = ActionBeats.opening(String(sentence))
        // `Her radio crackles.` opens on the thing; `She picks up the radio.` on the person.
        let person = ["he ", "she ", "they ", "他", "她"].contains { lower.hasPrefix($0) }
        if names(nouns, in: opening.lowercased()), !person,
           cast.mentions(in: opening).allSatisfy({ opening[$0.range.upperBound...].hasPrefix("'s") }) {
            return true
        }
        return TextMeasure.words(sentence) + TextMeasure.ideographs(sentence) / 2 <= handSentenceWords && names(handVerbs, in: lower)
    }
}

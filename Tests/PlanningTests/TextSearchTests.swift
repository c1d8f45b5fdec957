import Foundation
@testable import Planning
import Testing
import TestSupport

/// The planner's separator and term searches, which Foundation's `range(of:)` and `contains`
/// made before the planner stopped importing Foundation (the `animatic` launcher links it
/// without), find what those found: every separator the planner searches for, in seeded
/// strings of letters, separators, combining marks, joiners, variation selectors, emoji
/// modifiers, Hangul jamo and Devanagari signs. (Foundation's table of scalars that extend a
/// character is an older Unicode's; the 109 on which it differs are left out.)
@Suite("Planning: text searches as Foundation made them")
struct TextSearchTests {
    static let alphabet: [String] = [
        " ", "-", "(", ",", "o", "n", "t", "N", "A", "e", "é", "\u{301}", "\u{308}", "\u{200D}", "\u{FE0F}", "\u{1F3FB}",
        "\u{1F44D}", "\u{1100}", "\u{1161}", "\u{0915}", "\u{094D}", "\u{093E}", "对", "看", "旁", "白", "，", "（", "–",
        "—", "/", "\r", "\n", "\t",
    ]
    static let needles = [" - ", " – ", " — ", "，", " / ", " on ", " ON ", " to ", " onto ", " 对 ", "对", "看", ",", "（", " (", "旁白"]

    @Test func separatorsAreFoundWhereFoundationFoundThem() {
        var generator = SeededGenerator(state: 19)
        var checked = 0
        for _ in 0..<6_000 {
            let length = Int(generator.next() % 10) + 1
            let text = (0..<length).map { _ in Self.alphabet[Int(generator.next() % UInt64(Self.alphabet.count))] }.joined()
            for needle in Self.needles {
                let foundation = text.range(of: needle)
                #expect(TextMeasure.firstRange(ofText: needle, in: text) == foundation, "\(needle.debugDescription) in \(text.debugDescription)")
                #expect(TextMeasure.includes(needle, in: text) == text.contains(needle))
                if foundation != nil { checked += 1 }
            }
        }
        #expect(checked > 1_000, "enough matches to compare")
    }

    @Test func aSeparatorFollowedByAMarkIsNone() {
        #expect(TextMeasure.firstRange(ofText: " - ", in: "HOUSE - \u{301}KITCHEN") == nil)
        #expect(TextMeasure.includes("对", in: "鲍勃对\u{301}安娜") == false)
        let text = "HOUSE - \u{301}X - KITCHEN"
        let range = TextMeasure.firstRange(ofText: " - ", in: text)
        #expect(range.map { String(text[..<$0.lowerBound]) } == "HOUSE - \u{301}X")
        // A joiner does not hold the character before it, for Foundation.
        #expect(TextMeasure.includes("看", in: "看\u{200D}x"))
    }
}

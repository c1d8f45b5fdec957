import Foundation
import Planning
import Screenplay
import Testing

/// Inputs written to exhaust the planner (issue 11). What a plan holds must grow linearly
/// with the script: a one-line paragraph of 60 KB is one shot of hundreds of segments, and
/// each segment once carried the whole paragraph on its card (and had its prompt made from
/// all of it), so the plan grew with the square of the paragraph. Times are measured in
/// bench/hostile, not here.
@Suite struct HostileInputTests {
    /// `count` characters of words with no sentence end.
    static func runOn(_ count: Int) -> String {
        let words = ["the", "a", "man", "walks", "into", "room", "and", "looks", "at", "window", "slowly", "while"]
        var text = ""
        var state: UInt64 = 11
        while text.utf8.count < count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            text += words[Int((state >> 33) % UInt64(words.count))] + " "
        }
        return String(text.prefix(count))
    }

    static func plan(_ text: String) -> Plan {
        Planner().plan(FountainReader.parse(Array(text.utf8)).screenplay).plan
    }

    @Test(arguments: [
        ("INT. ROOM - DAY\n\n", ""),
        ("INT. ROOM - DAY\n\nANNA\n", ""),
    ])
    func aLongOneLineParagraphMakesAPlanLinearInItsLength(prefix: String, suffix: String) {
        let length = 60_000
        let plan = Self.plan(prefix + Self.runOn(length) + "\n" + suffix)
        let segments = plan.shots.flatMap(\.segments)
        #expect(segments.count > 100)
        let cardText = segments.reduce(0) { $0 + ($1.card.action?.count ?? 0) + ($1.card.dialogue?.count ?? 0) }
        #expect(cardText <= 10 * length, "\(segments.count) segments hold \(cardText) characters of card text")
        #expect(segments.allSatisfy { ($0.card.action ?? $0.card.dialogue ?? "").count <= 1001 })
        #expect(segments.allSatisfy { $0.prompt.count <= 1000 })
    }

    @Test func aShortParagraphKeepsItsWholeTextOnTheCard() {
        let text = Self.runOn(900).trimmingCharacters(in: .whitespaces)
        let plan = Self.plan("INT. ROOM - DAY\n\n" + text + "\n")
        let cards = plan.shots.flatMap(\.segments).compactMap(\.card.action)
        #expect(cards.contains(text))
    }
}

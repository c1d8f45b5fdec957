import Testing
@testable import Screenplay

@Suite("Page breaks, sections and synopses")
struct StructureTests {
    @Test func pageBreaks() {
        #expect(shape("\nx\n\n===\n\ny\n") == ["action", "pageBreak", "action"])
        #expect(shape("\nx\n\n====\n") == ["action", "pageBreak"])
        #expect(shape("\n==\n") == ["synopsis"])
    }

    @Test func sectionsWithLevelsAndClosingHashes() {
        let found = elements("# ACT I\n\n## Meet Scott\n### Scott's Apartment\n## Scott and Nak ##\n")
        let sections = found.compactMap { if case .section(let s) = $0 { s } else { nil } }
        #expect(sections.map(\.level) == [1, 2, 3, 2])
        #expect(sections.map(\.text) == ["ACT I", "Meet Scott", "Scott's Apartment", "Scott and Nak"])
    }

    /// A marker with a mark joined to it (`#\u{301}`) is another character: the line is no
    /// section (it was one of level 0, found by its first scalar), as a `~` so joined is no lyric.
    @Test func aMarkerWithAJoinedMarkMarksNothing() {
        #expect(shape("\n#\u{301} Act\n") == ["action"])
        #expect(shape("\n~\u{301} la\n") == ["action"])
    }

    @Test func synopses() {
        let found = elements("\n= Meet the players.\n\nINT. A - DAY\n\nx\n")
        guard case .synopsis(let synopsis)? = found.first else { Issue.record("expected synopsis"); return }
        #expect(synopsis.text == "Meet the players.")
    }

    @Test func sectionAndSynopsisBreakAnActionParagraph() {
        #expect(shape("\nAction.\n# Section\n= Synopsis\n") == ["action", "section", "synopsis"])
    }
}

import Testing
@testable import Screenplay

/// The cases FOUNTAIN.md lists as open in the spec, decided as its table says.
@Suite("Open cases of the spec")
struct OpenCaseTests {
    @Test func headingLikeLineWithoutBlankAfterIsNotAHeadingAndWarns() {
        let result = parse("Action.\n\nINT. HOUSE - DAY\nShe waits.\n")
        #expect(result.screenplay.headings.isEmpty)
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.range.start.line == 3 })
    }

    @Test func unforcedFadeOutAndCutToBlackAreAction() {
        for line in ["FADE OUT.", "CUT TO BLACK."] {
            #expect(!shape("\nx\n\n\(line)\n\ny\n").contains("transition"))
        }
    }

    @Test func cutToWithTrailingSpaceIsAction() {
        #expect(!shape("\nx\n\nCUT TO: \n\ny\n").contains("transition"))
    }

    @Test func lowercaseExtensionIsACharacter() {
        #expect(dialogues("\nHANS (on the radio)\nNow.\n").map(\.character) == ["HANS"])
    }

    @Test func capsLinePlusTwoTrailingSpacesIsACharacter() {
        #expect(dialogues("\nHANS  \nNow.\n").map(\.character) == ["HANS"])
    }

    @Test func headingAfterBoneyardWithNoBlankLinesAroundIt() {
        let text = "Brick pulls up a chair.\n/*\nINT. GARAGE - DAY\n\nThey get into the car.\n*/\nINT. PALACE HALLWAY - NIGHT\n\nx\n"
        #expect(headings(text).map(\.location) == ["PALACE HALLWAY"])
    }

    @Test func consecutiveSectionLinesAreEachASection() {
        #expect(shape("## Scott's Hit\n### Scott's Morning\n") == ["section", "section"])
    }

    @Test func nonASCIIUppercaseIsACharacter() {
        #expect(dialogues("\nJOSÉ\nHola.\n").map(\.character) == ["JOSÉ"])
        #expect(dialogues("\nZOË (V.O.)\nHi.\n").map(\.character) == ["ZOË"])
    }
}

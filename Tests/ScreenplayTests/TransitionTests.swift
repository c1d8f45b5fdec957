import Testing
@testable import Screenplay

@Suite("Transitions, centered text and lyrics")
struct TransitionTests {
    @Test(arguments: ["CUT TO:", "SMASH CUT TO:", "DISSOLVE TO:", "\t\t\t\tCUT TO:"])
    func unforced(line: String) {
        #expect(shape("\nx\n\n\(line)\n\nINT. A - DAY\n\ny\n") == ["action", "transition", "heading", "action"])
    }

    @Test func trailingSpaceAfterToMakesAction() {
        #expect(shape("\nx\n\nCUT TO: \n\ny\n") == ["action", "shot", "action"])
    }

    @Test func needsBlankLinesAround() {
        #expect(!shape("\nx\nCUT TO:\n\ny\n").contains("transition"))
    }

    @Test func forcedTransitions() {
        let found = elements("\n> BURN TO PINK.\n\n>INTERCUT WITH:\n")
        #expect(found.count == 2)
        guard case .transition(let transition) = found[0] else { Issue.record("expected transition"); return }
        #expect(transition.text == "BURN TO PINK.")
        #expect(transition.forced)
    }

    @Test func centeredTextMergesConsecutiveLines() {
        let found = elements("\n> BRICK BRADDOCK <\n> & DICK STEEL IN <\n\n>THE END<\n")
        #expect(found.map(\.typeName) == ["centered", "centered"])
        guard case .centered(let centered) = found[0] else { return }
        #expect(centered.lines.map(\.plain) == ["BRICK BRADDOCK", "& DICK STEEL IN"])
    }

    @Test func lyrics() {
        let found = elements("\n~Willy Wonka! Willy Wonka!\n~The amazing chocolatier!\n")
        #expect(found.map(\.typeName) == ["lyrics"])
        guard case .lyrics(let lyrics) = found[0] else { return }
        #expect(lyrics.lines.map(\.plain) == ["Willy Wonka! Willy Wonka!", "The amazing chocolatier!"])
    }

    @Test func unforcedFadeOutIsActionPerSpec() {
        #expect(shape("\nx\n\nFADE OUT.\n") == ["action", "shot"])
        #expect(shape("\nx\n\nCUT TO BLACK.\n") == ["action", "shot"])
    }
}

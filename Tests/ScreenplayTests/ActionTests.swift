import Testing
@testable import Screenplay

@Suite("Action and shot lines")
struct ActionTests {
    @Test func paragraphsKeepLineBreaks() throws {
        guard case .action(let action)? = elements("\nHe waits.\nAnd waits.\n\nThen leaves.\n").first else {
            Issue.record("expected action"); return
        }
        #expect(action.lines.map(\.plain) == ["He waits.", "And waits."])
        #expect(action.text == "He waits.\nAnd waits.")
        #expect(shape("\nHe waits.\nAnd waits.\n\nThen leaves.\n") == ["action", "action"])
    }

    @Test func indentationKeptTabsAsFourSpaces() {
        guard case .action(let action)? = elements("\n          Scott --\n\tJacob\n").first else {
            Issue.record("expected action"); return
        }
        #expect(action.lines.map(\.plain) == ["          Scott --", "    Jacob"])
    }

    @Test func forcedAction() {
        let found = elements("\n!INT. NOT A HEADING\n\nx\n")
        guard case .action(let action)? = found.first else { Issue.record("expected action"); return }
        #expect(action.forced)
        #expect(action.text == "INT. NOT A HEADING")
        #expect(shape("\n!BRICK\nHello\n") == ["action"])
    }

    @Test(arguments: ["CLOSE ON THE LETTER", "ANGLE ON", "INSERT - WATCH", "POV", "BACK TO SCENE", "A RIVER.",
                      "**FADE IN:**", "FADE OUT."])
    func oneLineUppercaseParagraphIsAShot(line: String) {
        #expect(shape("Before.\n\n\(line)\n\nAfter.\n") == ["action", "shot", "action"])
    }

    @Test func multiLineUppercaseParagraphIsAction() {
        #expect(shape("\nBOOM\nCRASH\n\nx\n") == ["dialogue", "action"])
        #expect(shape("\nA RIVER.\nA FISH.\n") == ["dialogue"])
        #expect(shape("\nA river.\n\nx\n") == ["action", "action"])
    }

    @Test func trailingWhitespaceIsNotKept() {
        guard case .action(let action)? = elements("\nHe waits.   \t\n").first else { Issue.record("expected action"); return }
        #expect(action.text == "He waits.")
    }
}

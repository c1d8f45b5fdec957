import Testing
@testable import Screenplay

@Suite("Notes and boneyard")
struct NotesAndBoneyardTests {
    @Test func inlineNoteIsTakenOutAndFollowsItsElement() {
        let found = elements("\nHe waits [[is this too long?]] a beat.\n")
        #expect(found.map(\.typeName) == ["action", "note"])
        guard case .action(let action) = found[0], case .note(let note) = found[1] else { return }
        #expect(action.text == "He waits  a beat.")
        #expect(note.text == "is this too long?")
        #expect(note.inline)
    }

    @Test func blockNoteSpanningLines() {
        let result = parse("\n[[This is a note\nthat goes on\n  \nand on.]]\n\nAction.\n")
        #expect(shape(result) == ["note", "action"])
        guard case .note(let note)? = result.screenplay.allElements.first(where: { _ in true }) else { return }
        #expect(note.text.hasPrefix("This is a note"))
        #expect(!note.inline)
        #expect(note.range.start.line == 2 && note.range.end.line == 5)
    }

    @Test func noteDoesNotCrossABlankLine() {
        let result = parse("\n[[Unfinished note\n\nAction.\n")
        #expect(diagnosticSpots(result) == ["warning@2:1"])
        #expect(shape(result) == ["action", "action"])
    }

    @Test func noteInsideACueLine() {
        #expect(dialogues("\nBOB [[was BOBBY]]\nHi.\n").map(\.character) == ["BOB"])
    }

    @Test func boneyardIsRemoved() {
        let result = parse("\nBefore.\n\n/*\nINT. GARAGE - DAY\n\nCut scene.\n*/\n\nAfter.\n")
        #expect(shape(result) == ["action", "action"])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func inlineBoneyard() {
        guard case .action(let action)? = elements("\nHe /* slowly */ walks.\n").first else { Issue.record("expected action"); return }
        #expect(action.text == "He  walks.")
    }

    @Test func unterminatedBoneyardWarnsAndKeepsTheText() {
        let result = parse("\nAction.\n\n/* forgot to close\n\nINT. HOUSE - DAY\n\nMore.\n")
        #expect(diagnosticSpots(result) == ["warning@4:1"])
        #expect(result.screenplay.headings.count == 1)
    }

    @Test func headingAfterBoneyardWithoutBlankLines() {
        let result = parse("Some action.\n/* removed\nlines */\nINT. HOUSE - DAY\n\nx\n")
        #expect(result.screenplay.headings.map(\.location) == ["HOUSE"])
    }

    @Test func notesInsideBoneyardAreIgnored() {
        let result = parse("\n/* [[shot: CU]] */\nAction.\n")
        #expect(shape(result) == ["action"])
    }
}

import Testing
@testable import Screenplay

@Suite("Characters and dialogue")
struct DialogueTests {
    @Test func cueAndLines() throws {
        let dialogue = try #require(dialogues("\nSTEEL\n(beer raised)\nTo retirement.\nAnd more.\n").first)
        #expect(dialogue.character == "STEEL")
        #expect(dialogue.lines.count == 3)
        guard case .parenthetical(let paren, _) = dialogue.lines[0] else { Issue.record("expected parenthetical"); return }
        #expect(paren == "beer raised")
        #expect(dialogue.spokenText == "To retirement. And more.")
    }

    @Test func extensions() throws {
        let dialogue = try #require(dialogues("\nEDWARD (V.O.)(CONT'D)\nThere are fish.\n").first)
        #expect(dialogue.character == "EDWARD")
        #expect(dialogue.extensions == ["V.O.", "CONT'D"])
        let lower = try #require(dialogues("\nHANS (on the radio)\nHello.\n").first)
        #expect(lower.character == "HANS")
        #expect(lower.extensions == ["on the radio"])
    }

    @Test func forcedCues() throws {
        let forced = try #require(dialogues("\n@McCLANE\nYippee.\n").first)
        #expect(forced.character == "McCLANE")
        #expect(forced.forced)
    }

    @Test(arguments: ["R2D2", "JOSÉ", "MRS. O'HARA", "DR. JEKYLL & MR. HYDE"])
    func namesThatAreCues(name: String) {
        #expect(dialogues("\n\(name)\nHello.\n").map(\.character) == [name])
    }

    @Test(arguments: ["23", "23 (O.S.)", "Anna", "McCLANE", "...", "(beat)"])
    func linesThatAreNotCues(name: String) {
        #expect(dialogues("\n\(name)\nHello.\n").isEmpty)
    }

    @Test func needsBlankBeforeAndTextAfter() {
        #expect(dialogues("Action.\nBOB\nHello.\n").isEmpty)
        #expect(dialogues("\nBOB\n\nHello.\n").isEmpty)
    }

    @Test func dualDialogueMarksBothSpeakers() {
        let found = dialogues("\nSTEEL\nScrew retirement.\n\nBRICK ^\nScrew retirement.\n\nJACK\nNo.\n")
        #expect(found.map(\.character) == ["STEEL", "BRICK", "JACK"])
        #expect(found.map(\.dual) == [true, true, false])
    }

    @Test func dualWithoutAPartnerWarns() {
        let result = parse("\nThey drink.\n\nBRICK ^\nScrew retirement.\n")
        #expect(diagnosticSpots(result).contains("warning@4:1"))
    }

    @Test func twoSpacesKeepABlankLineInsideDialogue() throws {
        let dialogue = try #require(dialogues("\nDEALER\nTen.\n  \nFour.\n\nAfter.\n").first)
        #expect(dialogue.lines.count == 3)
        if case .text(let text, _) = dialogue.lines[1] { #expect(text.plain.isEmpty) } else { Issue.record("expected empty line") }
        #expect(shape("\nDEALER\nTen.\n  \nFour.\n\nAfter.\n") == ["dialogue", "action"])
    }

    @Test func indentedCuesAndDialogue() throws {
        let dialogue = try #require(dialogues("\n\t\t\tJACK\n\t\t(in Vietnamese, subtitled)\n\t*Did you know?*\n").first)
        #expect(dialogue.character == "JACK")
        #expect(dialogue.lines.count == 2)
        if case .text(let text, _) = dialogue.lines[1] {
            #expect(text.runs == [TextRun("Did you know?", style: .italic)])
        } else {
            Issue.record("expected the spoken line after the parenthetical")
        }
    }

    @Test func capsLineWithTwoTrailingSpacesIsACue() {
        #expect(dialogues("\nBOB  \nHi.\n").map(\.character) == ["BOB"])
    }
}

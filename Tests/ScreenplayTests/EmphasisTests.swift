import Testing
@testable import Screenplay

@Suite("Emphasis")
struct EmphasisTests {
    private func runs(_ text: String) -> [TextRun] { EmphasisParser.parse(text).runs }

    @Test func styles() {
        #expect(runs("*italic*") == [TextRun("italic", style: .italic)])
        #expect(runs("**bold**") == [TextRun("bold", style: .bold)])
        #expect(runs("***both***") == [TextRun("both", style: [.bold, .italic])])
        #expect(runs("_under_") == [TextRun("under", style: .underline)])
        #expect(runs("a **b** c") == [TextRun("a "), TextRun("b", style: .bold), TextRun(" c")])
    }

    @Test func nesting() {
        #expect(runs("_**BIG FISH**_") == [TextRun("BIG FISH", style: [.bold, .underline])])
        #expect(runs("_face *Mark 4* scope_") == [
            TextRun("face ", style: .underline), TextRun("Mark 4", style: [.italic, .underline]),
            TextRun(" scope", style: .underline),
        ])
    }

    @Test func escapesAndLoneDelimiters() {
        #expect(runs("\\*not italic\\*") == [TextRun("*not italic*")])
        #expect(runs("2 * 3 = 6") == [TextRun("2 * 3 = 6")])
        #expect(runs("a *b") == [TextRun("a *b")])
        #expect(runs("Sign here: ____") == [TextRun("Sign here: ____")])
    }

    @Test func neverAcrossLines() {
        guard case .action(let action)? = elements("\n*start\nend*\n").first else { Issue.record("expected action"); return }
        #expect(action.lines.map(\.plain) == ["*start", "end*"])
        #expect(!action.lines.contains { $0.isStyled })
    }

    @Test func markupRoundTrip() {
        for text in ["_**BIG FISH**_", "a *b* c", "_face *Mark 4* scope_", "***x***"] {
            #expect(EmphasisParser.parse(text).markup == text)
        }
    }
}

import Testing
@testable import Screenplay

@Suite("Line endings, BOM, whitespace")
struct LineEndingTests {
    private let script = "Title: X\n\nINT. HOUSE - DAY\n\nSTEEL\nBeer's ready!\n\nCUT TO:\n\nEXT. YARD - NIGHT\n\nThe end."

    @Test(arguments: ["\n", "\r\n", "\r"])
    func everyLineEnding(ending: String) {
        let text = script.replacingOccurrences(of: "\n", with: ending)
        let result = parse(text)
        #expect(shape(result) == ["heading", "dialogue", "transition", "heading", "action"])
        #expect(result.screenplay.headings.map(\.range.start.line) == [3, 10])
        expectRangesInside(result, count: text.utf8.count)
    }

    @Test func mixedEndingsAndNoFinalNewline() {
        let text = "INT. HOUSE - DAY\r\n\nSTEEL\r\nHi.\r\r\nCUT TO:\n\r\nEXT. YARD - NIGHT\r\n\r\nThe end."
        #expect(shape(text) == ["heading", "dialogue", "transition", "heading", "action"])
    }

    @Test func byteOrderMarkIsSkipped() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Title: X\n\nINT. HOUSE - DAY\n\nx\n".utf8)
        let result = FountainReader.parse(bytes)
        #expect(result.screenplay.titlePage.map(\.key) == ["Title"])
        #expect(result.screenplay.titlePage[0].range.start == SourceLocation(line: 1, column: 1, offset: 3))
        #expect(result.diagnostics.isEmpty)
    }

    @Test func whitespaceOnlyLinesAreBlank() {
        #expect(shape("x\n \t \nINT. HOUSE - DAY\n\t\ny\n") == ["action", "heading", "action"])
    }

    @Test func tabsAndTrailingWhitespaceAroundCues() {
        #expect(dialogues("\n\tBRICK ^  \n\tHi.\t\n").map(\.character) == ["BRICK"])
    }
}

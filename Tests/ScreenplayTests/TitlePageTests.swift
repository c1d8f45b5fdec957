import Testing
@testable import Screenplay

@Suite("Title page")
struct TitlePageTests {
    @Test func keysAndValues() {
        let result = parse("Title: Big Fish\nCredit: written by\nAuthor: John August\n\nINT. HOUSE - DAY\n\nHi.\n")
        let page = result.screenplay.titlePage
        #expect(page.map(\.key) == ["Title", "Credit", "Author"])
        #expect(result.screenplay.titleValue("author") == "John August")
        #expect(result.screenplay.headings.count == 1)
    }

    @Test func multiLineValuesIndentedByTabOrSpaces() {
        let result = parse("Title:\n\t_**BRICK & STEEL**_\n\t_**FULL RETIRED**_\nContact:\n   Next Level\n   Solvang, CA\n\nEXT. PATIO - DAY\n")
        let page = result.screenplay.titlePage
        #expect(page.count == 2)
        #expect(page[0].values.map(\.plain) == ["BRICK & STEEL", "FULL RETIRED"])
        #expect(page[0].values[0].runs == [TextRun("BRICK & STEEL", style: [.bold, .underline])])
        #expect(page[1].values.map(\.plain) == ["Next Level", "Solvang, CA"])
        #expect(page[1].range.start.line == 4 && page[1].range.end.line == 6)
    }

    @Test func anyKeyIsAllowed() {
        let page = parse("Style: pencil sketch, warm light\nDraft date: 1/2/2026\n\nINT. A - DAY\n").screenplay.titlePage
        #expect(page.map(\.key) == ["Style", "Draft date"])
    }

    @Test func fadeInAloneIsNotATitlePage() {
        let result = parse("FADE IN:\n\nINT. HOUSE - DAY\n\nShe waits.\n")
        #expect(result.screenplay.titlePage.isEmpty)
        #expect(shape(result) == ["shot", "heading", "action"])
    }

    @Test func noTitlePageWhenTheScriptStartsWithAScene() {
        let result = parse("INT. HOUSE - DAY\n\nShe waits: nothing happens.\n")
        #expect(result.screenplay.titlePage.isEmpty)
        #expect(shape(result) == ["heading", "action"])
    }

    @Test func titlePageEndsAtTheFirstBlankLine() {
        let result = parse("Title: X\n\nAuthor: not a title key any more\n")
        #expect(result.screenplay.titlePage.map(\.key) == ["Title"])
        #expect(shape(result) == ["action"])
    }
}

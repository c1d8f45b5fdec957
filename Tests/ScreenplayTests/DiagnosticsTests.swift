import Testing
@testable import Screenplay

@Suite("Diagnostics for bad text")
struct DiagnosticsTests {
    @Test func invalidUTF8ReportsTheByteOffset() throws {
        let bytes = Array("INT. HOUSE - DAY\n\nCaf".utf8) + [0xE9] + Array(" au lait.\n".utf8)
        let result = FountainReader.parse(bytes)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message == "invalid UTF-8 at byte offset 21")
        #expect(diagnostic.range.start.line == 3 && diagnostic.range.start.column == 4)
        guard case .action(let action)? = result.screenplay.allElements.first(where: { _ in true }) else {
            Issue.record("expected the action line to survive the bad byte"); return
        }
        #expect(action.text == "Caf\u{FFFD} au lait.")
    }

    @Test func nulBytesAreBinary() {
        let result = FountainReader.parse(Array("INT. A - DAY\n\n".utf8) + [0, 1, 2, 0])
        #expect(result.hasErrors)
        #expect(result.diagnostics.first?.message.contains("NUL") == true)
    }

    @Test func controlCharactersAreBinary() {
        let result = FountainReader.parse([UInt8](repeating: 0x01, count: 64) + Array("abc".utf8))
        #expect(result.hasErrors)
    }

    @Test func headingWithoutBlankLineAfterWarns() {
        let result = parse("\nINT. HOUSE - DAY\nShe waits.\n")
        #expect(diagnosticSpots(result) == ["warning@2:1"])
        #expect(result.diagnostics[0].message.hasPrefix("'INT. HOUSE - DAY' looks like a scene heading"))
        #expect(result.diagnostics[0].note?.contains("'.'") == true)
        #expect(shape(result) == ["action"])
    }

    @Test func headingWithoutBlankLineBeforeWarns() {
        let result = parse("INT. A - DAY\n\nShe waits.\nEXT. HOUSE - DAY\n\nx\n")
        #expect(diagnosticSpots(result) == ["warning@4:1"])
    }

    /// An error at 1:1: a build of a script without scenes would have nothing to film.
    @Test func emptyScriptIsAnErrorAtTheStart() {
        for text in ["", "\n\n  \n", "Title: Nothing Yet\nAuthor: A. Writer\n\n", "\u{FEFF}"] {
            let result = parse(text)
            #expect(result.diagnostics.map(\.message) == ["the script is empty: no scenes"], "\(text.debugDescription)")
            #expect(diagnosticSpots(result) == ["error@1:1"], "\(text.debugDescription)")
            #expect(result.hasErrors)
            #expect(result.screenplay.scenes.count == 1)
        }
    }

    @Test func formattedLikeACompiler() {
        let diagnostic = Diagnostic(.error, "invalid duration 'soon'",
                                    at: SourceRange(start: SourceLocation(line: 12, column: 3, offset: 100),
                                                    end: SourceLocation(line: 12, column: 7, offset: 104)),
                                    note: "write seconds like '3s'")
        #expect(diagnostic.formatted(path: "film.fountain")
                == "film.fountain:12:3: error: invalid duration 'soon'\nfilm.fountain:12:3: note: write seconds like '3s'")
    }
}

import Testing
@testable import Screenplay

@Suite("Annotations")
struct AnnotationTests {
    @Test func typedFields() throws {
        let result = parse("\n[[shot: CU Anna; move: dolly in; lens: 35mm; duration: 3s; seed: 42; takes: 2]]\nAnna reads.\n")
        let annotation = try #require(annotations(result).first)
        #expect(annotation.text(.shot) == "CU Anna")
        #expect(annotation.text(.move) == "dolly in")
        #expect(annotation.text(.lens) == "35mm")
        #expect(annotation.duration(.duration) == .milliseconds(3000))
        #expect(annotation.integer(.seed) == 42)
        #expect(annotation.integer(.takes) == 2)
        #expect(result.diagnostics.isEmpty)
        #expect(shape(result) == ["annotation", "action"])
    }

    @Test(arguments: [
        ("2.5s", ShotDuration.milliseconds(2500)), ("72f", .frames(72)), ("3 sec", .milliseconds(3000)),
        ("10 seconds", .milliseconds(10000)), ("48 frames", .frames(48)), ("3秒", .milliseconds(3000)),
        ("0.04s", .milliseconds(40)), ("1.0005s", .milliseconds(1001)),
    ])
    func durations(text: String, expected: ShotDuration) {
        #expect(DurationSyntax.parse(text) == .valid(expected))
    }

    @Test func badDurationPointsAtTheValue() {
        let result = parse("\n[[shot: CU Anna; duration: soon]]\nx\n")
        #expect(diagnosticSpots(result) == ["error@2:28"])
        #expect(result.diagnostics.first?.message == "invalid duration 'soon'")
        #expect(result.hasErrors)
    }

    @Test func unitlessDurationWarns() throws {
        let result = parse("\n[[duration: 3]]\nx\n")
        #expect(diagnosticSpots(result) == ["warning@2:13"])
        #expect(try #require(annotations(result).first).duration(.duration) == .milliseconds(3000))
    }

    @Test func otherErrors() {
        #expect(diagnosticSpots(parse("\n[[seed: -1]]\nx\n")) == ["error@2:9"])
        #expect(diagnosticSpots(parse("\n[[duration: 0s]]\nx\n")) == ["error@2:13"])
        #expect(diagnosticSpots(parse("\n[[shot: CU; colour: red]]\nx\n")) == ["warning@2:13"])
        #expect(diagnosticSpots(parse("\n[[shot: CU; oops]]\nx\n")) == ["error@2:13"])
        #expect(diagnosticSpots(parse("\n[[shot: CU; shot: WS]]\nx\n")) == ["warning@2:13"])
        #expect(diagnosticSpots(parse("\n[[shot:]]\nx\n")) == ["error@2:3"])
    }

    @Test func plainNotesStayNotes() {
        #expect(shape("\n[[Remember to fix this]]\nx\n") == ["note", "action"])
        #expect(shape("\n[[Note: call the producer]]\nx\n") == ["note", "action"])
    }

    @Test func inlineAnnotationSyntaxIsANote() {
        #expect(shape("\nAnna reads [[shot: CU]] the card.\n") == ["action", "note"])
    }

    @Test func annotationSplitsAnActionParagraph() {
        #expect(shape("\nAnna walks in.\n[[shot: CU Anna]]\nShe sits.\n") == ["action", "annotation", "action"])
    }

    @Test func annotationIsTransparentToBlankLineRules() {
        #expect(shape("\n[[shot: CU Anna]]\nANNA\nHello.\n") == ["annotation", "dialogue"])
        #expect(shape("x\n\n[[shot: WS]]\nINT. HOUSE - DAY\n\ny\n") == ["action", "heading", "annotation", "action"])
    }

    @Test func chineseAnnotation() throws {
        let result = parse("\n[[shot：特写 安娜；move：推；duration：3秒]]\n安娜看信。\n")
        let annotation = try #require(annotations(result).first)
        #expect(annotation.text(.shot) == "特写 安娜")
        #expect(annotation.text(.move) == "推")
        #expect(annotation.duration(.duration) == .milliseconds(3000))
    }

    @Test func valuesKeepTheirOwnRanges() throws {
        let annotation = try #require(annotations(parse("\n[[shot: CU Anna; move: wobble; seed: 7]]\nx\n")).first)
        #expect(annotation[.shot]?.range.description == "@2:9-2:16")
        #expect(annotation[.move]?.range.description == "@2:24-2:30")
        #expect(annotation[.seed]?.range.description == "@2:38-2:39")
        #expect(annotation.range.description == "@2:1-2:41")
    }

    @Test func laterValueOfARepeatedKeyKeepsItsRange() throws {
        let annotation = try #require(annotations(parse("\n[[shot: CU; shot: WS]]\nx\n")).first)
        #expect(annotation.text(.shot) == "WS" && annotation[.shot]?.range.start.column == 19)
    }

    @Test func unknownKeyClosToAKnownOneSuggestsIt() {
        let result = parse("\n[[shot: CU; mvoe: pan; colour: red]]\nx\n")
        #expect(result.diagnostics.map(\.note) == ["did you mean 'move'?",
                                                    "annotation keys are " + AnnotationKey.allCases.map(\.rawValue).joined(separator: ", ")])
    }

    @Test(arguments: [
        ("[[shoot: CU Anna]]", "unknown annotation key 'shoot'; this note is read as a plain note", "did you mean 'shot'?"),
        ("[[Moev: dolly in]]", "unknown annotation key 'moev'; this note is read as a plain note", "did you mean 'move'?"),
        ("[[shot CU]]", "no ':' after annotation key 'shot'; this note is read as a plain note", "write 'shot: …' to make it an annotation"),
        ("[[Shot CU; move: dolly in]]", "no ':' after annotation key 'Shot'; this note is read as a plain note",
         "write 'shot: …' to make it an annotation"),
    ])
    func noteThatLooksLikeAFailedAnnotationWarns(note: String, message: String, help: String) {
        let result = parse("\n\(note)\nx\n")
        #expect(shape(result) == ["note", "action"])
        #expect(diagnosticSpots(result) == ["warning@2:3"])
        #expect(result.diagnostics.first?.message == message)
        #expect(result.diagnostics.first?.note == help)
    }

    @Test(arguments: ["[[Note: call the producer]]", "[[Move this scene up]]", "[[Shot list to follow]]", "[[Scene: rewrite]]",
                      "[[shot]]", "[[推近]]", "Anna reads [[shot CU]] the card."])
    func proseNotesStayQuiet(note: String) {
        #expect(parse("\n\(note)\nx\n").diagnostics.isEmpty)
    }

    @Test func multiLineAnnotationPointsIntoTheRightLine() {
        let result = parse("\n[[shot: WS;\nduration: later]]\nx\n")
        #expect(diagnosticSpots(result) == ["error@3:11"])
    }
}

@Suite("Annotations before headings")
struct AnnotationPlacementTests {
    @Test func annotationBeforeAHeadingBelongsToThatScene() {
        let screenplay = parse("INT. A - DAY\n\nx\n\n[[style: noir]]\n\nINT. B - NIGHT\n\ny\n\n[[shot: INSERT]]\n.THE RECEIPT\n\nz\n").screenplay
        #expect(screenplay.scenes.map { $0.elements.map(\.typeName) } == [[], ["action"], ["annotation", "action"], ["annotation", "action"]])
        #expect(screenplay.scenes[1].range.end.line == 3)
        #expect(screenplay.scenes[2].range.start.line == 5)
    }
}

import Testing
@testable import Screenplay

@Suite("Annotations")
struct AnnotationTests {
    @Test func typedFields() throws {
        let result = parse("\n[[shot: CU Anna; move: dolly in; lens: 35mm; duration: 3s; seed: 42; takes: 2]]\nAnna reads.\n")
        let annotation = try #require(annotations(result).first)
        #expect(annotation.shot == "CU Anna")
        #expect(annotation.move == "dolly in")
        #expect(annotation.lens == "35mm")
        #expect(annotation.duration == .milliseconds(3000))
        #expect(annotation.seed == 42)
        #expect(annotation.takes == 2)
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
        #expect(try #require(annotations(result).first).duration == .milliseconds(3000))
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
        #expect(annotation.shot == "特写 安娜")
        #expect(annotation.move == "推")
        #expect(annotation.duration == .milliseconds(3000))
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

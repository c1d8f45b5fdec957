import Testing
@testable import Screenplay

@Suite("Scene headings")
struct HeadingTests {
    @Test(arguments: [
        ("INT. KITCHEN - NIGHT", Setting.interior),
        ("EXT. FIELD - DAY", .exterior),
        ("EST. CITY - DAWN", .establishing),
        ("INT./EXT. CAR - DAY", .interiorExterior),
        ("INT/EXT CAR - DAY", .interiorExterior),
        ("I/E CAR - DAY", .interiorExterior),
        ("I./E. CAR - DAY", .interiorExterior),
        ("int. kitchen - night", .interior),
        ("ext field", .exterior),
    ])
    func prefixes(line: String, setting: Setting) {
        let found = headings("\n\(line)\n\nAction.\n")
        #expect(found.count == 1)
        #expect(found.first?.setting == setting)
    }

    @Test(arguments: ["INTERIOR KITCHEN", "EXTRA PEOPLE ARRIVE", "ESTABLISHING", "INT", "INT-HOUSE"])
    func notHeadings(line: String) {
        #expect(headings("\n\(line)\n\nAction.\n").isEmpty)
    }

    @Test func locationAndTimeOfDay() throws {
        let heading = try #require(headings("EXT. BRICK'S PATIO - DAY\n\nx\n").first)
        #expect(heading.location == "BRICK'S PATIO")
        #expect(heading.timeOfDay == "DAY")
        let comma = try #require(headings("INT. SAN FRANCISCO APARTMENT, DAY\n\nx\n").first)
        #expect(comma.location == "SAN FRANCISCO APARTMENT")
        #expect(comma.timeOfDay == "DAY")
        let none = try #require(headings("INT. SCOTT'S APARTMENT\n\nx\n").first)
        #expect(none.location == "SCOTT'S APARTMENT")
        #expect(none.timeOfDay == nil)
    }

    @Test func sceneNumbersOnlyTheLastCounts() throws {
        let heading = try #require(headings("INT. HOUSE - DAY #12A#\n\nx\n").first)
        #expect(heading.sceneNumber == "12A")
        #expect(heading.text == "INT. HOUSE - DAY")
        #expect(heading.timeOfDay == "DAY")
        let two = try #require(headings("INT. HOUSE - DAY #1# #1.A-2#\n\nx\n").first)
        #expect(two.sceneNumber == "1.A-2")
        #expect(two.text == "INT. HOUSE - DAY #1#")
    }

    @Test func forcedHeadings() throws {
        let forced = try #require(headings("\n.SNIPER SCOPE POV\n\nx\n").first)
        #expect(forced.forced && forced.isShot && forced.setting == nil)
        #expect(forced.text == "SNIPER SCOPE POV")
        let forcedWithPrefix = try #require(headings("\n.INT. HOUSE - DAY\n\nx\n").first)
        #expect(forcedWithPrefix.forced && !forcedWithPrefix.isShot)
        #expect(forcedWithPrefix.setting == .interior)
        #expect(headings("\n.3 AM ON THE DOCKS\n\nx\n").count == 1)
        #expect(headings("\n...and then\n\nx\n").isEmpty)
        #expect(headings("\n. space\n\nx\n").isEmpty)
    }

    @Test func needsBlankLineBefore() {
        #expect(shape("Some action.\nINT. HOUSE - DAY\n\nx\n") == ["action", "action"])
        #expect(headings("Some action.\n\nINT. HOUSE - DAY\n\nx\n").count == 1)
    }

    @Test func headingStartsANewScene() {
        let screenplay = parse("Prologue text.\n\nINT. A - DAY\n\nOne.\n\nEXT. B - NIGHT\n\nTwo.\n").screenplay
        #expect(screenplay.scenes.count == 3)
        #expect(screenplay.scenes[0].heading == nil)
        #expect(screenplay.scenes[0].elements.count == 1)
        #expect(screenplay.scenes.map { $0.heading?.location } == [nil, "A", "B"])
    }

    @Test func rangeCoversTheHeadingLine() throws {
        let heading = try #require(headings("\n\nINT. HOUSE - DAY\n\nx\n").first)
        #expect(heading.range.start == SourceLocation(line: 3, column: 1, offset: 2))
        #expect(heading.range.end == SourceLocation(line: 3, column: 17, offset: 18))
    }
}

import Testing
@testable import Screenplay

@Suite("Chinese scripts")
struct ChineseTests {
    @Test(arguments: [
        ("内景 咖啡馆 - 夜", Setting.interior, "咖啡馆", "夜" as String?),
        ("外景 街道 日", .exterior, "街道", "日"),
        ("内/外景 汽车 - 黄昏", .interiorExterior, "汽车", "黄昏"),
        ("内外景。汽车 - 清晨", .interiorExterior, "汽车", "清晨"),
        ("内景.办公室", .interior, "办公室", nil),
    ])
    func headingForms(line: String, setting: Setting, location: String, time: String?) throws {
        let heading = try #require(headings("\n\(line)\n\n安娜走进来。\n").first)
        #expect(heading.setting == setting)
        #expect(heading.location == location)
        #expect(heading.timeOfDay == time)
    }

    @Test func notAHeading() {
        #expect(headings("\n内景是一个词\n\nx\n").isEmpty)
    }

    @Test func cuesAndDialogue() throws {
        let found = dialogues("\n安娜\n你好。\n\n老王（画外音）\n（停顿）\n来了。\n\n@约翰·史密斯\nHello.\n")
        #expect(found.map(\.character) == ["安娜", "老王", "约翰·史密斯"])
        #expect(found[1].extensions == ["画外音"])
        guard case .parenthetical(let paren, _) = found[1].lines[0] else { Issue.record("expected parenthetical"); return }
        #expect(paren == "停顿")
    }

    @Test func longOrPunctuatedLinesAreNotCues() {
        #expect(dialogues("\n她慢慢地走进了这个房间里\n然后坐下。\n").isEmpty)
        #expect(dialogues("\n她笑了。\n然后离开。\n").isEmpty)
    }

    @Test func oneLineChineseActionIsNotAShotLine() {
        #expect(shape("\n安娜看着窗外。\n") == ["action"])
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let result = parse("\n[[shot：特写；duration：很快]]\nx\n")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.range.start.column == 20)
        #expect(diagnostic.range.start.offset == 1 + "[[shot：特写；duration：".utf8.count)
    }
}

@testable import Generation
import Testing

@Suite("Text wrapping for cards")
struct TextWrapTests {
    @Test func breaksAtSpacesWithinTheWidth() {
        let lines = TextWrap.wrap("Fog rolls off the harbor and gulls wheel over the shops", width: 20, maxLines: 10)
        #expect(lines == ["Fog rolls off the", "harbor and gulls", "wheel over the shops"])
        #expect(lines.allSatisfy { TextWrap.columns(of: $0) <= 20 })
    }

    @Test func countsWideCharactersAsTwoColumns() {
        #expect(TextWrap.columns(of: "雨夜") == 4)
        #expect(TextWrap.columns(of: "ab") == 2)
        let lines = TextWrap.wrap("雨夜。城郊最后一站，站牌的灯管忽明忽暗", width: 10, maxLines: 10)
        #expect(lines.first == "雨夜。城郊")
        #expect(lines.allSatisfy { TextWrap.columns(of: $0) <= 10 })
        #expect(lines.joined() == "雨夜。城郊最后一站，站牌的灯管忽明忽暗")
    }

    @Test func splitsAWordLongerThanALine() {
        #expect(TextWrap.wrap("abcdefghij", width: 4, maxLines: 5) == ["abcd", "efgh", "ij"])
    }

    @Test func endsWithAnEllipsisWhenTextIsLeftOver() {
        let lines = TextWrap.wrap("one two three four five six seven", width: 9, maxLines: 2)
        #expect(lines.count == 2)
        #expect(lines[1].hasSuffix("…"))
        #expect(TextWrap.columns(of: lines[1]) <= 9)
    }

    @Test func joinsLinesOfTheSourceText() {
        #expect(TextWrap.wrap("first\nsecond", width: 40, maxLines: 3) == ["first second"])
    }
}

import Testing
import TestSupport
@testable import Screenplay

/// The reader reads ASCII lines by their bytes and other lines by characters: on ASCII
/// text, each rule's byte reading must give what its character reading gives.
@Suite("ASCII lines by bytes")
struct ASCIIRuleTests {
    /// Pieces of cue and heading syntax that random lines are made of.
    static let pieces: [String] = [
        "INT", "EXT", "EST", "I/E", "INT./EXT", "int", "Ext", ".", " ", "  ", "\t", "-", " - ", " -- ", "#", "#12A#",
        "# 3 #", "(", ")", "(V.O.)", "( cont'd )", "^", " ^", "@", ",", ", DAY", "DAY", "NIGHT", "night", "LATER",
        "a", "B", "1", "TO:", "CUT", "McCLANE", "O'", "*", "_", "KITCHEN",
    ]

    /// Random lines of the pieces, with surrounding blanks taken off as the reader does.
    static func lines(count: Int, seed: UInt64) -> [String] {
        var random = SeededGenerator(state: seed)
        return (0..<count).map { _ in
            let line = (0..<Int.random(in: 1...8, using: &random))
                .map { _ in pieces.randomElement(using: &random)! }
                .joined()
            return String(line.trimmingBlanks())
        }
    }

    @Test func cuesAgree() {
        for line in Self.lines(count: 20000, seed: 0xC0E) where !line.isEmpty {
            let bytes = Array(line.utf8)
            let byBytes = CueRules.cue(ascii: bytes, 0, bytes.count)
            let byCharacters = CueRules.cue(Substring(line))
            #expect(byBytes?.name == byCharacters?.name, "\(line)")
            #expect(byBytes?.extensions == byCharacters?.extensions, "\(line)")
            #expect(byBytes?.forced == byCharacters?.forced, "\(line)")
            #expect(byBytes?.dual == byCharacters?.dual, "\(line)")
        }
    }

    @Test func headingsAgree() {
        let range = SourceRange(start: SourceLocation(line: 1, column: 1, offset: 0),
                                end: SourceLocation(line: 1, column: 1, offset: 0))
        var headings = 0
        for line in Self.lines(count: 20000, seed: 0x4EAD) where !line.isEmpty {
            let bytes = Array(line.utf8)
            let prefix = HeadingRules.prefix(bytes, 0, bytes.count)
            #expect(prefix?.setting == HeadingRules.prefix(of: line)?.setting, "\(line)")
            #expect(prefix?.length == HeadingRules.prefix(of: line)?.length, "\(line)")
            // The reader builds a heading from a line with a prefix, or forced by `.`.
            for forced in [false, true] where forced ? line.hasPrefix(".") : prefix != nil {
                headings += 1
                #expect(HeadingRules.heading(ascii: bytes, 0, bytes.count, forced: forced, range: range)
                        == HeadingRules.heading(Substring(line), forced: forced, range: range), "\(line)")
            }
        }
        #expect(headings > 1000)
    }

    @Test func textTestsAgree() {
        for line in Self.lines(count: 5000, seed: 0x7E57) {
            let padded = " \t" + line + "\t "
            let bytes = Array(padded.utf8)
            let trimmed = ASCIIText.trimmingBlanks(bytes, 0, bytes.count)
            #expect(String(decoding: bytes[trimmed.start..<trimmed.end], as: UTF8.self) == String(padded.trimmingBlanks()))
            #expect(ASCIIText.isUppercaseWithLetter(bytes, 0, bytes.count) == padded.isUppercaseWithLetter, "\(line)")
        }
    }
}

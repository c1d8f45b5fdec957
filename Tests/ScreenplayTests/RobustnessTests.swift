import Testing
import TestSupport
@testable import Screenplay

/// Thousands of random and mutated inputs: the reader must return a tree with every range
/// inside the input, whatever the bytes.
@Suite("Robustness")
struct RobustnessTests {
    /// Pieces of Fountain syntax that random inputs are made of.
    static let tokens: [String] = [
        "\n", "\r\n", "\r", "  ", "\t", "INT. ", "EXT. ", "内景 ", ".", "!", "@", "^", "~", ">", "<", "=", "===", "#",
        "[[", "]]", "/*", "*/", "*", "**", "_", "\\", "(", ")", "（", "）", ":", ";", "：", "CUT TO:", "BOB", "安娜",
        "shot: CU", "duration: 3s", "duration: soon", "Title: X", "hello", "\u{FEFF}", "é", "\u{0}",
    ]

    @Test func mutatedCorpusSlices() throws {
        let corpus = try ["Big-Fish.fountain", "Brick-and-Steel.fountain", "The-Last-Birthday-Card.fountain"]
            .map(corpusBytes)
        var random = SeededGenerator(state: 0xA11CE)
        for _ in 0..<2000 {
            let source = corpus.randomElement(using: &random)!
            let start = Int.random(in: 0..<source.count, using: &random)
            let length = Int.random(in: 0...min(3000, source.count - start), using: &random)
            var bytes = Array(source[start..<(start + length)])
            for _ in 0..<Int.random(in: 0...8, using: &random) where !bytes.isEmpty {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[position] ^= UInt8.random(in: 1...255, using: &random)
                case 1: bytes.removeSubrange(position...)
                case 2:
                    let other = corpus.randomElement(using: &random)!
                    let from = Int.random(in: 0..<other.count, using: &random)
                    bytes.insert(contentsOf: other[from..<min(other.count, from + 200)], at: position)
                default: bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
                }
            }
            expectRangesInside(FountainReader.parse(bytes), count: bytes.count)
        }
    }

    @Test func randomTokenSoup() {
        var random = SeededGenerator(state: 0xF00D)
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...60, using: &random) {
                bytes += Array(Self.tokens.randomElement(using: &random)!.utf8)
            }
            expectRangesInside(FountainReader.parse(bytes), count: bytes.count)
        }
    }

    @Test func randomBytes() {
        var random = SeededGenerator(state: 0xBEEF)
        for _ in 0..<1000 {
            let bytes = (0..<Int.random(in: 0...400, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let result = FountainReader.parse(bytes)
            expectRangesInside(result, count: bytes.count)
        }
    }

    // MARK: Hostile inputs (issue 11; bench/hostile times them)

    /// A one-line paragraph with no sentence end, a flood of headings, unclosed emphasis,
    /// a long line of dialogue: read whole, every range inside the input.
    @Test(arguments: [
        "INT. ROOM - DAY\n\n" + String(repeating: "the man walks into the room and looks at ", count: 5000) + "\n",
        String(repeating: "INT. ROOM - DAY\n\n", count: 20000),
        "INT. ROOM - DAY\n\n" + String(repeating: "*_**", count: 25000) + "\n",
        "INT. ROOM - DAY\n\nANNA\n" + String(repeating: "I never said that to anyone and ", count: 6000) + "\n",
        String(repeating: "[[shot: CU Anna; duration: 2s]]\nAnna waits.\n\n", count: 5000),
    ])
    func hostileInputsAreReadWhole(text: String) {
        let bytes = Array(text.utf8)
        let result = FountainReader.parse(bytes)
        expectRangesInside(result, count: bytes.count)
        #expect(!result.screenplay.scenes.isEmpty)
    }

    // MARK: Inputs found by the fuzzer (bench/fuzz)

    /// A `~` with a combining mark joined to it: the reader chose lyrics by the first scalar
    /// and took the run's lines by the first character, so the run was empty — an index out
    /// of range alone, a reader that never ended (and grew without bound) after a heading.
    @Test(arguments: ["~\u{301}", "INT. A - DAY\n\n~\u{301}\n", "INT. A - DAY\n\n~\u{301} la\n~ la la\n"])
    func tildeWithACombiningMark(text: String) {
        let bytes = Array(text.utf8)
        let result = FountainReader.parse(bytes)
        expectRangesInside(result, count: bytes.count)
    }

    /// An invalid byte in an annotation body: offsets were counted on the decoded text,
    /// where U+FFFD is three bytes wide, so later fields ran past the note and the reader
    /// trapped slicing `value` backwards.
    @Test func fuzzInvalidByteInAnnotationBody() throws {
        let bytes: [UInt8] = [0x5B, 0x5B, 0x73, 0x68, 0x6F, 0x74, 0x3A, 0x20, 0x9D, 0x3B, 0x61, 0x3A, 0x62, 0x5D, 0x5D, 0x0A]
        let result = FountainReader.parse(bytes)   // [[shot: \x9D;a:b]]
        expectRangesInside(result, count: bytes.count)
        #expect(annotations(result).first?.text(.shot) == "\u{FFFD}")
        let unknown = try #require(result.diagnostics.first { $0.message.contains("unknown annotation key 'a'") })
        #expect(unknown.range.start.offset == 10 && unknown.range.end.offset == 11)
    }
}

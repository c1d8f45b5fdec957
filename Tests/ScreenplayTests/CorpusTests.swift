import Foundation
import Testing
@testable import Screenplay

/// The real scripts in Tests/Fixtures/corpus, read by the rules of FOUNTAIN.md (the expected
/// counts are in the corpus's SOURCES.txt too).
@Suite("Corpus conformance")
struct CorpusTests {
    struct Counts: Equatable, CustomStringConvertible {
        var headings = 0, cues = 0, dual = 0, parentheticals = 0, transitions = 0, centered = 0
        var sections = 0, synopses = 0, pageBreaks = 0

        var description: String {
            "headings \(headings), cues \(cues), dual \(dual), parentheticals \(parentheticals), transitions \(transitions), centered \(centered), sections \(sections), synopses \(synopses), page breaks \(pageBreaks)"
        }
    }

    static let expected: [(String, Counts)] = [
        ("Big-Fish.fountain", Counts(headings: 190, cues: 768, dual: 0, parentheticals: 97, transitions: 34,
                                     centered: 2, sections: 0, synopses: 0, pageBreaks: 1)),
        ("Brick-and-Steel.fountain", Counts(headings: 8, cues: 20, dual: 2, parentheticals: 6, transitions: 7,
                                            centered: 3, sections: 0, synopses: 0, pageBreaks: 0)),
        ("The-Last-Birthday-Card.fountain", Counts(headings: 48, cues: 134, dual: 0, parentheticals: 12,
                                                   transitions: 22, centered: 1, sections: 28, synopses: 7, pageBreaks: 0)),
    ]

    static func count(_ screenplay: Screenplay) -> Counts {
        var counts = Counts()
        counts.headings = screenplay.headings.count
        for element in screenplay.allElements {
            switch element {
            case .dialogue(let dialogue):
                counts.cues += 1
                if dialogue.dual { counts.dual += 1 }
                counts.parentheticals += dialogue.lines.filter { if case .parenthetical = $0 { true } else { false } }.count
            case .transition: counts.transitions += 1
            case .centered: counts.centered += 1
            case .section: counts.sections += 1
            case .synopsis: counts.synopses += 1
            case .pageBreak: counts.pageBreaks += 1
            default: break
            }
        }
        return counts
    }

    @Test(arguments: expected.map(\.0))
    func countsMatchTheTable(file: String) throws {
        let result = FountainReader.parse(try corpusBytes(file))
        let expected = try #require(Self.expected.first { $0.0 == file }?.1)
        #expect(Self.count(result.screenplay) == expected)
        #expect(!result.hasErrors)
    }

    /// An independent reading of the heading lines: a line with a blank (or nothing) on each
    /// side that starts with an INT/EXT prefix or a single `.` before a letter or digit.
    static func headingLines(_ text: String) -> [(line: Int, text: String)] {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .components(separatedBy: "\n")
        let prefix = try! Regex("^(?i:int\\.?/ext|i\\.?/e|int|ext|est)[. ]")
        let forced = try! Regex("^\\.[A-Za-z0-9]")
        func blank(_ index: Int) -> Bool {
            index < 0 || index >= lines.count || lines[index].trimmingCharacters(in: .whitespaces).isEmpty
        }
        var found: [(Int, String)] = []
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.firstMatch(of: forced) != nil {
                found.append((index + 1, String(trimmed.dropFirst())))
            } else if trimmed.firstMatch(of: prefix) != nil && blank(index - 1) && blank(index + 1) {
                found.append((index + 1, trimmed))
            }
        }
        return found
    }

    @Test(arguments: expected.map(\.0))
    func headingsInOrderWithTheFilesText(file: String) throws {
        let bytes = try corpusBytes(file)
        let ours = FountainReader.parse(bytes).screenplay.headings.map { ($0.range.start.line, $0.text) }
        let theirs = Self.headingLines(String(decoding: bytes, as: UTF8.self))
        #expect(ours.count == theirs.count)
        for (mine, reference) in zip(ours, theirs) {
            #expect(mine.0 == reference.line && mine.1 == reference.text, "\(mine) vs \(reference)")
        }
    }

    @Test func bigFishShotLines() throws {
        let screenplay = FountainReader.parse(try corpusBytes("Big-Fish.fountain")).screenplay
        let shots = screenplay.allElements.compactMap { if case .shot(let s) = $0 { s.text.plain } else { nil } }
        // FOUNTAIN.md counts 44; the 45th is "WARNING!  " (line 1311), whose two trailing
        // spaces hide it from aw-parser's pattern. Trailing whitespace never changes a line's kind here.
        #expect(shots.count == 45)
        #expect(Array(shots.prefix(3)) == ["FADE IN:", "A RIVER.", "ON WILL AND SANDRA"])
        #expect(shots.contains("WARNING!"))
    }

    @Test func brickAndSteelMixedEndingsTitleAndForcedHeadings() throws {
        let screenplay = FountainReader.parse(try corpusBytes("Brick-and-Steel.fountain")).screenplay
        #expect(screenplay.titleValue("Title") == "BRICK & STEEL\nFULL RETIRED")
        #expect(screenplay.headings.filter(\.isShot).map(\.text) == ["SNIPER SCOPE POV", "OPENING TITLES"])
        guard case .centered(let last)? = screenplay.scenes.last?.elements.last else {
            Issue.record("expected the closing centered text"); return
        }
        #expect(last.lines.map(\.plain) == ["THE END"])
    }

    @Test func lastBirthdayCardForcedHeadingsUsedAsShots() throws {
        let screenplay = FountainReader.parse(try corpusBytes("The-Last-Birthday-Card.fountain")).screenplay
        #expect(screenplay.headings.filter(\.isShot).count == 23)
    }

    @Test func bigFishTitlePageNotes() throws {
        let screenplay = FountainReader.parse(try corpusBytes("Big-Fish.fountain")).screenplay
        #expect(screenplay.titleValue("Notes") == "FINAL PRODUCTION DRAFT\nincludes post-production dialogue\nand omitted scenes")
    }
}

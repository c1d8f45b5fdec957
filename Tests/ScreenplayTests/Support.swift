import Foundation
import Testing
@testable import Screenplay

/// Parses `text` (a string literal; `\r` and `\n` as written).
func parse(_ text: String) -> ParseResult { FountainReader.parse(text) }

/// The element kinds of a parse, headings included, in script order: `["heading", "action"]`.
func shape(_ result: ParseResult) -> [String] {
    result.screenplay.scenes.flatMap { scene in
        (scene.heading.map { _ in ["heading"] } ?? []) + scene.elements.map(\.typeName)
    }
}

func shape(_ text: String) -> [String] { shape(parse(text)) }

/// All elements of a parse, in order.
func elements(_ text: String) -> [Element] { Array(parse(text).screenplay.allElements) }

func headings(_ text: String) -> [SceneHeading] { parse(text).screenplay.headings }

func dialogues(_ text: String) -> [Dialogue] {
    elements(text).compactMap { if case .dialogue(let d) = $0 { d } else { nil } }
}

func annotations(_ result: ParseResult) -> [Annotation] {
    result.screenplay.allElements.compactMap { if case .annotation(let a) = $0 { a } else { nil } }
}

/// Severity and `line:col` of each diagnostic, e.g. `"error@1:28"`.
func diagnosticSpots(_ result: ParseResult) -> [String] {
    result.diagnostics.map { "\($0.severity.rawValue)@\($0.range.start)" }
}

/// The repository's root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A real screenplay from the corpus in the repository (`Tests/Fixtures/corpus`, see its SOURCES.txt).
func corpusFile(_ name: String) throws -> URL {
    let url = packageRoot.appendingPathComponent("Tests/Fixtures/corpus").appendingPathComponent(name)
    try #require(FileManager.default.fileExists(atPath: url.path), "corpus file \(url.path) is missing from the checkout")
    return url
}

func corpusBytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: try corpusFile(name)))
}

/// Checks that every range in the result lies inside an input of `count` bytes and is well formed.
func expectRangesInside(_ result: ParseResult, count: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    func check(_ range: SourceRange) {
        let ok = range.start.offset >= 0 && range.start.offset <= range.end.offset && range.end.offset <= count
            && range.start.line >= 1 && range.start.column >= 1 && range.end.line >= range.start.line
        #expect(ok, "range \(range) (offsets \(range.start.offset)..<\(range.end.offset)) outside 0..<\(count)",
                sourceLocation: sourceLocation)
    }
    for entry in result.screenplay.titlePage { check(entry.range) }
    for scene in result.screenplay.scenes {
        check(scene.range)
        if let heading = scene.heading { check(heading.range) }
        for element in scene.elements {
            check(element.range)
            if case .dialogue(let dialogue) = element {
                check(dialogue.cueRange)
                dialogue.lines.forEach { check($0.range) }
            }
        }
    }
    for diagnostic in result.diagnostics { check(diagnostic.range) }
}

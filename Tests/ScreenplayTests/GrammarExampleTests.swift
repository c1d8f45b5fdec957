import Foundation
import Testing
@testable import Screenplay

/// Runs every example in grammar/*.ebnf through the reader, so the grammar cannot drift
/// from the code (the format is described in grammar/README.md).
@Suite("Grammar examples")
struct GrammarExampleTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var file: String
        var line: Int
        var kinds: [String]
        var diagnostics: [String]
        var text: String

        var testDescription: String { "\(file):\(line)" }
    }

    static func examples(in file: String) -> [Example] {
        let url = packageRoot.appendingPathComponent("grammar").appendingPathComponent(file)
        guard let content = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var examples: [Example] = []
        var current: Example?
        var body: [String] = []
        for (index, line) in content.components(separatedBy: "\n").enumerated() {
            if var example = current {
                if line == "*)" {
                    example.text = body.joined(separator: "\n")
                        .replacingOccurrences(of: "␠", with: " ").replacingOccurrences(of: "␉", with: "\t")
                    examples.append(example)
                    current = nil
                } else {
                    body.append(line)
                }
            } else if line.hasPrefix("(* example:") {
                let spec = line.dropFirst("(* example:".count).split(separator: "!", maxSplits: 1)
                current = Example(file: file, line: index + 1,
                                  kinds: spec[0].split(separator: " ").map(String.init),
                                  diagnostics: spec.count > 1 ? spec[1].split(separator: " ").map(String.init) : [],
                                  text: "")
                body = []
            }
        }
        return examples
    }

    static let all = examples(in: "fountain.ebnf") + examples(in: "annotations.ebnf")

    @Test func everyGrammarFileHasExamples() {
        #expect(Self.examples(in: "fountain.ebnf").count >= 30)
        #expect(Self.examples(in: "annotations.ebnf").count >= 12)
    }

    @Test(arguments: all)
    func exampleReadsAsTheGrammarSays(example: Example) {
        let result = FountainReader.parse(example.text)
        #expect(shape(result) == example.kinds, "\(example.file):\(example.line)")
        #expect(diagnosticSpots(result) == example.diagnostics, "\(example.file):\(example.line)")
    }
}

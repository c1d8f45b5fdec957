import Foundation
import Testing
@testable import Screenplay
import TestSupport

/// Tree dumps of small fixtures compared with the files beside them. Set
/// `ANIMATIC_RECORD=1` to rewrite the `.tree` files, then review the diff.
@Suite("Golden tree dumps")
struct GoldenTreeTests {
    static let fixtures = packageRoot.appendingPathComponent("Tests/ScreenplayTests/Fixtures")

    static var fixtureNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? [])
            .filter { $0.hasSuffix(".fountain") }.sorted()
    }

    @Test func fixturesExist() {
        #expect(Self.fixtureNames.count >= 5)
    }

    @Test(arguments: fixtureNames)
    func dumpMatchesGolden(name: String) throws {
        let input = Self.fixtures.appendingPathComponent(name)
        let result = FountainReader.parse([UInt8](try Data(contentsOf: input)))
        var dump = TreeDump.dump(result.screenplay)
        for diagnostic in result.diagnostics { dump += diagnostic.formatted(path: name) + "\n" }
        let golden = input.deletingPathExtension().appendingPathExtension("tree")
        guard let expected = try Golden.expected(dump, at: golden) else { return }
        #expect(dump == expected, "tree of \(name) differs from \(golden.lastPathComponent); re-record with ANIMATIC_RECORD=1")
    }
}

import Foundation
import Testing
@testable import Planning
import Screenplay

/// Plans Fountain text with a configuration.
func plan(_ text: String, _ configuration: PlanConfiguration = PlanConfiguration()) -> PlanResult {
    Planner(configuration: configuration).plan(FountainReader.parse(text).screenplay)
}

/// The default configuration without exterior establishing shots, for tests of one
/// interior scene's own shots.
let withoutExteriors = PlanConfiguration(establishingExteriors: false)

/// The package root, from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A real screenplay from the corpus in the repository (`Tests/Fixtures/corpus`, see its
/// SOURCES.txt), or a clear failure when it is missing.
func corpusURL(_ name: String) throws -> URL {
    let url = packageRoot.appendingPathComponent("Tests/Fixtures/corpus/\(name)")
    guard FileManager.default.fileExists(atPath: url.path) else {
        Issue.record("the corpus script \(url.path) is missing from the checkout")
        throw CorpusMissing()
    }
    return url
}

struct CorpusMissing: Error {}

let corpusNames = ["Big-Fish.fountain", "Brick-and-Steel.fountain", "The-Last-Birthday-Card.fountain"]

func corpusText(_ name: String) throws -> String {
    String(decoding: try Data(contentsOf: try corpusURL(name)), as: UTF8.self)
}

func sampleText(_ name: String) throws -> String {
    String(decoding: try Data(contentsOf: packageRoot.appendingPathComponent("samples/\(name)")), as: UTF8.self)
}

extension Plan {
    func shot(_ id: ShotID) -> Shot? { shots.first { $0.id == id } }
    func shots(inScene number: String) -> [Shot] { shots.filter { $0.scene == number } }
}

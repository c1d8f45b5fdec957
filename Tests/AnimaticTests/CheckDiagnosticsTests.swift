import Foundation
import Planning
import Project
import Testing

/// `check` without a review file breaks the script down without making its shots
/// (`PlannedScript.diagnostics`): its diagnostics must be exactly those `plan` reports.
@Suite("check: the breakdown's diagnostics are the plan's")
struct CheckDiagnosticsTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardizedFileURL

    /// Every script in the repository: the corpus, the samples, the test fixtures, the shot-list evaluation set.
    static let scripts: [String] = ["Tests", "samples", "bench"].flatMap { folder in
        (FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".fountain") }.map { "\(folder)/\($0)" }
    }.sorted()

    /// Scripts whose planner diagnostics are not in the files above.
    static let made: [String] = [
        "INT. KITCHEN - NIGHT #1#\n\nAnna waits.\n\nINT. HALL - NIGHT #1#\n\nBen knocks.\n",
        "= A synopsis only\n\n# Act one\n\n[[a note]]\n",
        "",
        "INT. ROOM - DAY\n\n[[shot: close on Anna; duration: soon]]\n\nAnna sits.\n",
        "EXT. FIELD - DAY\n\nWind.\n\n> CUT TO:\n\nINT. BARN - NIGHT\n\nDark.\n\nINT. BARN - NIGHT\n\nStill dark.\n",
        // Scenes after the last annotation are not broken down once there is a shot: the
        // annotation's warnings in the last scene must still come, and so must a shot found
        // only after scenes with none.
        "INT. A - DAY\n\nAnna waits.\n\nINT. B - DAY\n\nBen waits.\n\nINT. C - DAY\n\n[[shot: wobbly; angle: sideways; move: wiggle]]\n\nCara waits.\n",
        "INT. A - DAY\n\n[[style: ink]]\n\nINT. B - DAY\n\n= Only a synopsis\n\nINT. C - DAY\n\nCara waits.\n\nINT. D - DAY\n\n[[shot: wide]]\n",
        "INT. A - DAY\n\n[[style: ink]]\n\nINT. B - DAY\n\n= Only a synopsis\n\nINT. C - DAY\n\nCara waits.\n",
    ]

    private func compare(_ input: ScriptInput, _ name: String) {
        for configuration in [PlanConfiguration(), PlanConfiguration(frameRate: .videoNTSC)] {
            let planned = PlannedScript(input, configuration: configuration).diagnostics
            #expect(PlannedScript.diagnostics(input, configuration: configuration) == planned, "\(name)")
        }
    }

    @Test func everyScriptInTheRepository() throws {
        #expect(Self.scripts.count >= 10)
        for path in Self.scripts {
            compare(try ScriptInput.read(Self.root.appendingPathComponent(path).path), path)
        }
    }

    @Test(arguments: made)
    func scriptsWithThePlannersOwnDiagnostics(_ text: String) {
        compare(ScriptInput(displayPath: "made.fountain", url: nil, bytes: Array(text.utf8)), text)
    }
}

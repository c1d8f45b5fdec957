import Animatic
import Foundation
import Planning
import Screenplay
import Testing

/// Reading `film.review.yaml`: the schema of docs/review.md, errors at their line and column.
@Suite("review file: reading")
struct ReviewFileTests {
    static func parse(_ text: String) -> ReviewFile {
        ReviewFile.parse(Data(text.utf8), url: URL(fileURLWithPath: "/tmp/film.review.yaml"), displayPath: "film.review.yaml")
    }

    /// The first error's `line:col: message`.
    static func firstError(_ text: String) -> String? {
        parse(text).diagnostics.first { $0.severity == .error }.map { "\($0.range.start): \($0.message)" }
    }

    @Test func theIssuesExampleReadsWhole() throws {
        let file = Self.parse("""
            shots:
              2K:
                pick: 2
                status: needs-work        # or approved
                notes:
                  - text: Her entrance is too abrupt
                    by: director           # optional
                    at: 2026-12-07T10:00Z  # optional
                revise:
                  prompt_add: she steps in slowly from the left edge of frame
                  prompt_remove: [sudden]
                  negative_add: motion blur
                  size: MS
                  move: dolly in
                  angle: low
                  duration: 4s
                  seed: 1234
                  style: noir
            """)
        #expect(file.diagnostics.isEmpty)
        let entry = try #require(file.review.entries.first)
        #expect(entry.shotID == "2K" && entry.location.line == 2 && entry.location.column == 3)
        #expect(entry.pick == 2 && entry.status == .needsWork)
        #expect(entry.notes == [ReviewNote(text: "Her entrance is too abrupt", by: "director", at: "2026-12-07T10:00Z",
                                           location: entry.notes[0].location, textLocation: entry.notes[0].textLocation)])
        #expect(entry.notes[0].textLocation.line == 6 && entry.notes[0].textLocation.column == 15)
        let revision = entry.revision
        #expect(revision.promptAdd?.value == "she steps in slowly from the left edge of frame")
        #expect(revision.promptRemove?.value == ["sudden"])
        #expect(revision.negativeAdd?.value == "motion blur")
        #expect(revision.size?.value == .medium && revision.move?.value == .pushIn && revision.angle?.value == .low)
        #expect(revision.duration?.value == .milliseconds(4000) && revision.seed?.value == 1234 && revision.style?.value == "noir")
        #expect(revision.size?.location.line == 13 && revision.size?.location.column == 13)
        #expect(revision.marks.map(\.field) == ["prompt_add", "prompt_remove", "negative_add", "size", "move", "angle",
                                                "duration", "seed", "style"])
    }

    @Test(arguments: [
        ("shots:\n  2K:\n    pik: 2\n", "3:5: unknown key 'pik' in shot 2K"),
        ("shot:\n  2K: {}\n", "1:1: unknown key 'shot' in the review file"),
        ("shots:\n  2K:\n    pick: 0\n", "3:11: 'shots.2K.pick' must be from 1 to 100, not 0"),
        ("shots:\n  2K:\n    pick: two\n", "3:11: 'shots.2K.pick' must be an integer, not a string"),
        ("shots:\n  2K:\n    status: done\n", "3:13: 'shots.2K.status' must be one of approved, needs-work, not 'done'"),
        ("shots:\n  2K:\n    notes: too dark\n", "3:12: 'shots.2K.notes' must be a list of notes, not a string"),
        ("shots:\n  2K:\n    notes:\n      - too dark\n", "4:9: 'shots.2K.notes[0]' must be a table with a 'text', not a string"),
        ("shots:\n  2K:\n    notes:\n      - by: me\n", "4:9: 'shots.2K.notes[0]' has no 'text'"),
        ("shots:\n  2K:\n    notes:\n      - text: a\n        at: yesterday\n",
         "5:13: 'shots.2K.notes[0].at' must be a date or a date and time such as 2026-12-07T10:00Z, not 'yesterday'"),
        ("shots:\n  2K:\n    notes:\n      - text: a\n        applied: maybe\n", "5:18: 'shots.2K.notes[0].applied' must be true or false, not a string"),
        ("shots:\n  2K:\n    revise:\n      size: huge\n",
         "4:13: 'shots.2K.revise.size' must be a shot size such as MS, CU or WS, not 'huge'"),
        ("shots:\n  2K:\n    revise:\n      move: wobble\n",
         "4:13: 'shots.2K.revise.move' must be a camera move such as static, dolly in or pan, not 'wobble'"),
        ("shots:\n  2K:\n    revise:\n      angle: sideways\n",
         "4:14: 'shots.2K.revise.angle' must be a camera angle such as low, high or eye level, not 'sideways'"),
        ("shots:\n  2K:\n    revise:\n      duration: soon\n",
         "4:17: 'shots.2K.revise.duration' must be a duration such as 4s, 2.5s or 72f, not 'soon'"),
        ("shots:\n  2K:\n    revise:\n      seed: -1\n", "4:13: 'shots.2K.revise.seed' must be from 0 to 2147483647, not -1"),
        ("shots:\n  2K:\n    revise:\n      prompt_remove: []\n", "4:22: 'shots.2K.revise.prompt_remove' is an empty list"),
        ("shots:\n  2K:\n    revise:\n      prompt_ad: x\n", "4:7: unknown key 'prompt_ad' in 'shots.2K.revise'"),
        ("shots:\n  2K:\n    revise:\n      style:\n", "4:13: 'style' has no value"),
        ("shots:\n  2K:\n    pick: 1\n  2K:\n    pick: 2\n", "2:3: a key is defined twice: '2K'"),
        ("shots:\n  2K: [1\n", "3:1: did not find expected ',' or ']'"),
        ("shots: [2K]\n", "1:8: 'shots' must be a table of shot IDs, not a list"),
    ])
    func aBadFileIsAnErrorAtItsLineAndColumn(text: String, expected: String) {
        #expect(Self.firstError(text) == expected)
    }

    @Test func aMisspeltKeyGetsADidYouMean() {
        let diagnostic = Self.parse("shots:\n  2K:\n    revsie:\n      size: MS\n").diagnostics.first
        #expect(diagnostic?.note == "did you mean 'revise'?")
    }

    @Test func everyErrorIsReportedInOneRun() {
        let file = Self.parse("shots:\n  2K:\n    pick: 0\n    status: done\n    revise:\n      size: huge\n")
        #expect(file.diagnostics.map(\.range.start.line) == [3, 4, 6])
        #expect(file.hasErrors)
    }

    @Test func revisionsGoToThePlannerByShotID() {
        let file = Self.parse("shots:\n  1A:\n    status: approved\n  2B:\n    revise: {size: CU, duration: 72f}\n")
        let revisions = file.review.revisions.byShot
        #expect(revisions.keys.sorted() == ["2B"])
        #expect(revisions["2B"]?.size?.value == .closeUp && revisions["2B"]?.duration?.value == .frames(72))
    }

    @Test func staleEntriesAreWarningsNamingTheShot() {
        let screenplay = FountainReader.parse(Array("EXT. HARBOR - DAWN\n\nFog rolls in.\n".utf8)).screenplay
        let plan = Planner().plan(screenplay).plan
        let file = Self.parse("shots:\n  1A:\n    status: approved\n  7C:\n    notes:\n      - text: too dark\n")
        let stale = file.staleEntries(in: plan)
        #expect(stale.count == 1)
        #expect(stale.first?.severity == .warning)
        #expect(stale.first?.formatted(path: "film.review.yaml").hasPrefix(
            "film.review.yaml:4:3: warning: shot 7C is not in the plan; its review entry is ignored") == true)
    }
}

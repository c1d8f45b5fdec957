@testable import Animatic
import Foundation
import Testing

/// Edits of a review file's text at its marks: comments, order and quoting survive.
@Suite("review file: writing changes")
struct ReviewWriterTests {
    static let file = """
        # Review of The Last Pour, first cut
        shots:
          2C:                        # Anna comes in
            pick: 2
            status: needs-work       # or approved
            notes:
              - text: Her entrance is too abrupt
                by: director           # optional
                at: 2026-12-07T10:00Z  # optional
              - text: closer
            revise:
              prompt_remove: [sudden]
              seed: 1234

          # the kettle shot
          1C:
            notes:
              - text: 太暗了，亮一点
          9Z:
            status: approved

        """

    @Test func changesGoInAtTheirMarks() throws {
        var one = ReviewChange(shotID: "2C")
        one.fields = [("prompt_add", .text("she steps in slowly")), ("prompt_remove", .list(["sudden", "suddenly"])),
                      ("size", .text("MCU"))]
        one.appliedNotes = [0, 1]
        var two = ReviewChange(shotID: "1C")
        two.fields = [("prompt_add", .text("画面更明亮")), ("negative_add", .text("曝光不足"))]
        two.appliedNotes = [0]
        #expect(try ReviewWriter.apply([one, two], to: Self.file) == """
            # Review of The Last Pour, first cut
            shots:
              2C:                        # Anna comes in
                pick: 2
                status: needs-work       # or approved
                notes:
                  - text: Her entrance is too abrupt
                    by: director           # optional
                    at: 2026-12-07T10:00Z  # optional
                    applied: true
                  - text: closer
                    applied: true
                revise:
                  prompt_remove: [sudden, suddenly]
                  seed: 1234
                  prompt_add: she steps in slowly
                  size: MCU

              # the kettle shot
              1C:
                notes:
                  - text: 太暗了，亮一点
                    applied: true
                revise:
                  prompt_add: 画面更明亮
                  negative_add: 曝光不足
              9Z:
                status: approved

            """)
    }

    @Test func quotedMultiLineAndBlockValuesAreReplacedWholeAndTrailingCommentsKept() throws {
        let text = """
            shots:
              2C:
                revise:
                  prompt_add: "old, quoted"   # why
                  negative_add: a plain value
                    going on
                  style: |
                    a block
                    scalar
                  size: 'W''S'
                notes: [{text: x}]
            """
        var change = ReviewChange(shotID: "2C")
        change.fields = [("prompt_add", .text("new: text")), ("negative_add", .text("blur")), ("style", .text("noir")),
                         ("size", .text("CU"))]
        change.appliedNotes = [0]
        #expect(try ReviewWriter.apply([change], to: text) == """
            shots:
              2C:
                revise:
                  prompt_add: "new: text"   # why
                  negative_add: blur
                  style: noir
                  size: CU
                notes: [{text: x, applied: true}]
            """)
    }

    @Test func importedNotesPicksAndEntriesGoInBlockAndBraces() throws {
        let text = """
            shots:
              1A: {status: approved}      # braces
              1B: {notes: [{text: first}]}
              2A:
                notes: []
              2B:
                pick: 1
                notes:
                - text: unindented list   # kept
            """ + "\n"
        let note = ReviewChange.NewNote(text: "too dark, again", by: "editor")
        var pick = ReviewChange(shotID: "2B")
        pick.pick = 3
        pick.newNotes = [note]
        var fresh = ReviewChange(shotID: "3C")
        fresh.newNotes = [note]
        fresh.fields = [("duration", .text("70f"))]
        var braces = ReviewChange(shotID: "1A")
        braces.newNotes = [note]
        var flowList = ReviewChange(shotID: "1B")
        flowList.newNotes = [note]
        var emptyList = ReviewChange(shotID: "2A")
        emptyList.newNotes = [note]
        let changes = [braces, flowList, emptyList, pick, fresh]
        #expect(try ReviewWriter.apply(changes, to: text) == """
            shots:
              1A: {status: approved, notes: [{text: "too dark, again", by: editor}]}      # braces
              1B: {notes: [{text: first}, {text: "too dark, again", by: editor}]}
              2A:
                notes: [{text: "too dark, again", by: editor}]
              2B:
                pick: 3
                notes:
                - text: unindented list   # kept
                - text: too dark, again
                  by: editor
              3C:
                notes:
                  - text: too dark, again
                    by: editor
                revise:
                  duration: 70f
            """ + "\n")
        #expect(try ReviewWriter.apply([fresh], to: "shots: {}\n") == "shots: {3C: {notes: [{text: \"too dark, again\", by: editor}], revise: {duration: 70f}}}\n")
        #expect(ReviewWriter.newFile([pick]) == "shots:\n  2B:\n    pick: 3\n    notes:\n      - text: too dark, again\n        by: editor\n")
    }

    @Test func plainTextIsQuotedOnlyWhereYAMLWouldReadItAsSomethingElse() {
        #expect(YAMLScalarText.render("slow push in") == "slow push in")
        #expect(YAMLScalarText.render("true") == "\"true\"")
        #expect(YAMLScalarText.render("1234") == "\"1234\"")
        #expect(YAMLScalarText.render("note: this") == "\"note: this\"")
        #expect(YAMLScalarText.render("# not a comment") == "\"# not a comment\"")
        #expect(YAMLScalarText.render("a, b") == "a, b" && YAMLScalarText.render("a, b", inFlow: true) == "\"a, b\"")
        #expect(YAMLScalarText.renderList(["x", "y, z"]) == "[x, \"y, z\"]")
    }
}

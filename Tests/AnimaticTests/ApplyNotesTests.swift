import Foundation
import Testing

/// `animatic review --apply-notes`: notes become revisions written into the review file,
/// which keeps its comments, order, quoting and line endings; a second run does nothing.
@Suite("review --apply-notes")
struct ApplyNotesTests {
    static let review = """
        # Review of the first cut. Keep this comment.
        shots:
          # the entrance
          2A:                      # Anna comes in
            pick: 2
            status: needs-work     # or approved
            notes:
              - text: Her entrance is too abrupt
                by: director       # who
                at: 2026-12-07T10:00Z
              # a note about the note
              - text: "closer"
            revise:
              prompt_remove:
                - dramatic         # kept
              seed: 1234           # fixed seed

          1A:
            notes:
              - text: 太暗了，亮一点
              - text: lovely, keep it
              - {text: closer, by: editor}

        """

    @Test func notesBecomeRevisionsAndCommentsSurvive() async throws {
        let project = try ReviewProject(review: Self.review)
        let script = try Data(contentsOf: project.script)
        let output = try await project.run(["review", "film.fountain", "--apply-notes"])
        #expect(try Data(contentsOf: project.script) == script)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("2A: \"closer\" → size MWS"))
        #expect(output.stdout.hasSuffix("applied 4 notes to 2 shots in film.review.yaml\n"))
        #expect(output.stderr.contains("film.review.yaml:21:15: warning: no rule reads this note; it is left unapplied"))
        #expect(project.review == """
            # Review of the first cut. Keep this comment.
            shots:
              # the entrance
              2A:                      # Anna comes in
                pick: 2
                status: needs-work     # or approved
                notes:
                  - text: Her entrance is too abrupt
                    by: director       # who
                    at: 2026-12-07T10:00Z
                    applied: true
                  # a note about the note
                  - text: "closer"
                    applied: true
                revise:
                  prompt_remove:
                    - dramatic         # kept
                    - suddenly
                    - abruptly
                    - bursts in
                    - bursts into
                  seed: 1234           # fixed seed
                  prompt_add: Anna enters gradually from the edge of frame, stepping in slowly
                  negative_add: sudden appearance, jump cut
                  size: MWS

              1A:
                notes:
                  - text: 太暗了，亮一点
                    applied: true
                  - text: lovely, keep it
                  - {text: closer, by: editor, applied: true}
                revise:
                  prompt_add: brighter, well-lit scene with clearly visible detail
                  negative_add: underexposed, murky shadows
                  size: WS

            """)
        let shots = try await project.plannedShots()
        #expect(shots["2A"]?["size"] as? String == "mediumWide" && shots["1A"]?["size"] as? String == "wide")
        let prompt = (shots["2A"]?["segments"] as? [[String: Any]])?.first?["prompt"] as? String ?? ""
        #expect(prompt.contains("Anna and drops her bag") && prompt.contains("Anna enters gradually from the edge of frame"))
    }

    @Test func aSecondRunDoesNothing() async throws {
        let project = try ReviewProject(review: Self.review)
        #expect(try await project.run(["review", "film.fountain", "--apply-notes"]).status == 0)
        let once = project.review
        let again = try await project.run(["review", "film.fountain", "--apply-notes"])
        #expect(again.status == 0)
        #expect(again.stdout == "no notes to apply in film.review.yaml\n")
        #expect(project.review == once)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.directory.path).filter { $0.contains("partial") }
        #expect(leftovers.isEmpty)
    }

    @Test func notesAddUpOnOneShotAndStepFromTheRevisedSize() async throws {
        let project = try ReviewProject(review: "shots:\n  2A:\n    notes:\n      - text: closer\n      - text: closer still\n")
        #expect(try await project.run(["review", "film.fountain", "--apply-notes"]).status == 0)
        #expect(project.review.hasSuffix("    revise:\n      size: MS\n"))
        try Data((project.review + "      - text: closer\n").utf8).write(to: project.reviewFile)
        // A note added under `revise`'s block is a YAML error: nothing is written.
        let broken = try await project.run(["review", "film.fountain", "--apply-notes"])
        #expect(broken.status == 65)
    }

    @Test func windowsLineEndingsAndExistingAppliedFalseAndBraces() async throws {
        let text = "shots:\r\n  2A: {notes: [{text: too dark, applied: false}], revise: {size: MS}}\r\n  1A:\r\n    notes:\r\n      - text: hold still\r\n        applied: false # not yet\r\n"
        let project = try ReviewProject(review: text)
        let output = try await project.run(["review", "film.fountain", "--apply-notes"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(project.review == """
            shots:\r
              2A: {notes: [{text: too dark, applied: true}], revise: {size: MS, prompt_add: "brighter, well-lit scene with clearly visible detail", negative_add: "underexposed, murky shadows"}}\r
              1A:\r
                notes:\r
                  - text: hold still\r
                    applied: true # not yet\r
                revise:\r
                  negative_add: camera shake\r
                  move: static\r

            """)
    }

    @Test func aPlainNoteOnAStaleShotIsLeftAlone() async throws {
        let project = try ReviewProject(review: "shots:\n  7C:\n    notes:\n      - text: too dark\n")
        let output = try await project.run(["review", "film.fountain", "--apply-notes"])
        #expect(output.status == 0)
        #expect(output.stderr.contains("film.review.yaml:2:3: warning: shot 7C is not in the plan"))
        #expect(project.review == "shots:\n  7C:\n    notes:\n      - text: too dark\n")
    }

    /// Without --apply-notes or --import, review serves the page (ReviewServeTests); the
    /// page's options and the reviser belong to their own modes.
    @Test func eachModeTakesItsOwnOptions() async throws {
        let project = try ReviewProject(review: Self.review)
        for arguments in [["--apply-notes", "--port", "8080"], ["--apply-notes", "--open"], ["--import", "cut.otio", "--port", "1"]] {
            let output = try await project.run(["review", "film.fountain"] + arguments)
            #expect(output.status == 64 && output.stderr.contains("are for serving the page"), "\(arguments): \(output.stderr)")
        }
        // -o names a video: the one the page serves, or the one whose build's cut list --import reads.
        let noted = try await project.run(["review", "film.fountain", "--apply-notes", "-o", "x.mp4"])
        #expect(noted.status == 64 && noted.stderr.contains("not for --apply-notes"), "\(noted.stderr)")
        let output = try await project.run(["review", "film.fountain", "--reviser", "dashscope"])
        #expect(output.status == 64 && output.stderr.contains("--reviser reads notes for --apply-notes"), "\(output.stderr)")
        #expect(try await project.run(["review", "film.fountain", "--port", "70000"]).status == 64)
        #expect(project.review == Self.review)
    }
}

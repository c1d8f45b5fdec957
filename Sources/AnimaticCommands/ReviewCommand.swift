import Project
import ArgumentParser
import CutLists
import Foundation
import SettingValues
import Planning

package struct ReviewCommand: AsyncParsableCommand {
    /// The argument parser makes one from the command line.
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Work on the review file: turn the director's notes into revisions, or import an editor's cut.",
        discussion: """
            With --apply-notes, each note in the review file (<script name>.review.yaml beside \
            the script, or --review FILE) not yet applied becomes a revision of its shot, written \
            back into the file with its comments and order kept, and the note is marked \
            `applied: true`. Notes are read by a table of common previs notes in English and \
            Chinese, or with --reviser by a text model (docs/review.md; --dashscope-url names \
            DashScope's region). Exits 65 when the \
            review file or the script has errors, 66 when there is no review file, 69 when the \
            reviser fails.

            With --import CUT (.otio, .xml for FCP 7 XML, .fcpxml, .edl), an editor's version \
            of the cut list animatic exported is compared with the plan: markers on a clip become \
            notes on its shot, trims `duration` revisions, a clip swapped for another take's file \
            (12A-1.take2.mp4) a `pick`. Reordered or missing shots are reported, not applied. The \
            review file is created beside the script when there is none.
            """
    )

    @Argument(help: "The Fountain script.")
    package var file: String

    @Flag(name: .customLong("apply-notes"), help: "Turn each unapplied note into a revision in the review file.")
    package var applyNotes = false

    @Option(name: .customLong("import"), help: "An editor's cut list to read back: .otio, .xml (FCP 7), .fcpxml or .edl.")
    package var importCut: String?

    @Option(help: "A text model for notes: command:'PROGRAM ARGS' (the note and prompt as JSON on its standard input, the revised prompt on its standard output), or dashscope[:MODEL] (Qwen, key from DASHSCOPE_API_KEY).")
    package var reviser: String?

    @OptionGroup package var options: PlanOptions

    /// What the command does with the review file: one mode a run. (Serving the review
    /// page, issue #14, is to be another.)
    package enum Mode {
        case applyNotes
        case importCut(String, CutListFormat)
    }

    package var mode: Mode? {
        if applyNotes { return .applyNotes }
        if let importCut, let format = EditedCut.format(ofFileNamed: importCut) { return .importCut(importCut, format) }
        return nil
    }

    package func validate() throws {
        if applyNotes && importCut != nil { throw ValidationError("--apply-notes and --import are separate runs: give one") }
        if let importCut, EditedCut.format(ofFileNamed: importCut) == nil {
            throw ValidationError("--import reads .otio, .xml (FCP 7 XML), .fcpxml or .edl, not '\(importCut)'")
        }
        guard mode != nil else { throw ValidationError("say what to do with the review file: --apply-notes or --import CUT") }
        if file == "-" { throw ValidationError("review needs a script file, not standard input") }
        if reviser != nil && importCut != nil { throw ValidationError("--reviser reads notes for --apply-notes, not --import") }
        if let reviser { _ = try reviserChoice(reviser) }
    }

    package func run() async throws {
        try await MediaContext.require().review(self)
    }

    private func reviserChoice(_ text: String) throws -> ReviserChoice {
        do { return try ReviserChoice(text) } catch { throw ValidationError("--reviser: \(error.message)") }
    }
}

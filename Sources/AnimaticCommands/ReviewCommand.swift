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
        abstract: "Review in the browser, turn the director's notes into revisions, or import an editor's cut.",
        discussion: """
            Without --apply-notes or --import, serves the review page on 127.0.0.1 (a free \
            port unless --port) and prints its address, with a random token every request \
            needs; --open opens it in a browser. The page plays the video (-o, default: the \
            script's name with .mp4) with its timecode and each shot's takes from its media \
            folder, and saves picks, notes and approve / needs-work into the review file, \
            merged with whatever else changed it. Its Rebuild button runs `animatic build FILE \
            -o VIDEO` with these options and the project file's settings, in this process. \
            Ctrl-C stops it.

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
            review file is created beside the script when there is none. A take in the cut that \
            quality control chose in the build (its report, beside the video: -o, default the \
            script's name with .mp4) is not a pick.
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

    @Option(help: "Serving the page: the port on 127.0.0.1 (default: a free one).")
    package var port: Int?

    @Flag(help: "Serving the page: open it in the browser (with xdg-open, or open on macOS).")
    package var open = false

    @Option(name: .shortAndLong, help: "Serving the page: the video the build writes; with --import: the video of the build whose cut list was edited, whose report says which takes quality control chose (default: <script name>.mp4 beside the script).")
    package var output: String?

    @OptionGroup package var options: PlanOptions

    /// What the command does with the review file: one mode a run.
    package enum Mode {
        case serve
        case applyNotes
        case importCut(String, CutListFormat)
    }

    package var mode: Mode? {
        if applyNotes { return .applyNotes }
        if let importCut { return EditedCut.format(ofFileNamed: importCut).map { .importCut(importCut, $0) } }
        return .serve
    }

    package func validate() throws {
        if applyNotes && importCut != nil { throw ValidationError("--apply-notes and --import are separate runs: give one") }
        if let importCut, EditedCut.format(ofFileNamed: importCut) == nil {
            throw ValidationError("--import reads .otio, .xml (FCP 7 XML), .fcpxml or .edl, not '\(importCut)'")
        }
        if file == "-" { throw ValidationError("review needs a script file, not standard input") }
        if applyNotes || importCut != nil {
            if port != nil || open {
                throw ValidationError("--port and --open are for serving the page, without --apply-notes or --import")
            }
        }
        if applyNotes && output != nil {
            throw ValidationError("-o names the video for serving the page or --import, not for --apply-notes")
        }
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
        if reviser != nil && importCut != nil { throw ValidationError("--reviser reads notes for --apply-notes, not --import") }
        if reviser != nil && !applyNotes && importCut == nil {
            throw ValidationError("--reviser reads notes for --apply-notes, not for serving the page")
        }
        if let reviser { _ = try reviserChoice(reviser) }
    }

    package func run() async throws {
        try await MediaContext.require().review(self)
    }

    private func reviserChoice(_ text: String) throws -> ReviserChoice {
        do { return try ReviserChoice(text) } catch { throw ValidationError("--reviser: \(error.message)") }
    }
}

import Animatic
import ArgumentParser
import CutLists
import Foundation
import Generation
import Planning

struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
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
            review file is created beside the script when there is none.
            """
    )

    @Argument(help: "The Fountain script.")
    var file: String

    @Flag(name: .customLong("apply-notes"), help: "Turn each unapplied note into a revision in the review file.")
    var applyNotes = false

    @Option(name: .customLong("import"), help: "An editor's cut list to read back: .otio, .xml (FCP 7), .fcpxml or .edl.")
    var importCut: String?

    @Option(help: "A text model for notes: command:'PROGRAM ARGS' (the note and prompt as JSON on its standard input, the revised prompt on its standard output), or dashscope[:MODEL] (Qwen, key from DASHSCOPE_API_KEY).")
    var reviser: String?

    @Option(help: "Serving the page: the port on 127.0.0.1 (default: a free one).")
    var port: Int?

    @Flag(help: "Serving the page: open it in the browser (with xdg-open, or open on macOS).")
    var open = false

    @Option(name: .shortAndLong, help: "Serving the page: the video the build writes (default: <script name>.mp4 beside the script).")
    var output: String?

    @OptionGroup var options: PlanOptions

    /// What the command does with the review file: one mode a run.
    private enum Mode {
        case serve
        case applyNotes
        case importCut(String, CutListFormat)
    }

    private var mode: Mode? {
        if applyNotes { return .applyNotes }
        if let importCut { return EditedCut.format(ofFileNamed: importCut).map { .importCut(importCut, $0) } }
        return .serve
    }

    func validate() throws {
        if applyNotes && importCut != nil { throw ValidationError("--apply-notes and --import are separate runs: give one") }
        if let importCut, EditedCut.format(ofFileNamed: importCut) == nil {
            throw ValidationError("--import reads .otio, .xml (FCP 7 XML), .fcpxml or .edl, not '\(importCut)'")
        }
        if file == "-" { throw ValidationError("review needs a script file, not standard input") }
        if applyNotes || importCut != nil {
            if port != nil || open || output != nil {
                throw ValidationError("--port, --open and -o are for serving the page, without --apply-notes or --import")
            }
        }
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
        if reviser != nil && importCut != nil { throw ValidationError("--reviser reads notes for --apply-notes, not --import") }
        if reviser != nil && !applyNotes && importCut == nil {
            throw ValidationError("--reviser reads notes for --apply-notes, not for serving the page")
        }
        if let reviser { _ = try reviserChoice(reviser) }
    }

    func run() async throws {
        let input = try ScriptInput.read(file)
        let (settings, configuration, _) = try options.planning(for: input)
        if case .importCut(let path, let format)? = mode {
            try importCut(path, format: format, input: input, configuration: configuration)
            return
        }
        if case .serve? = mode {
            try await serve(input)
            return
        }
        guard let review = try options.reviewFile.load(for: input) else {
            let name = ReviewFile.defaultName(forScript: input.displayPath)
            throw AnimaticError(.noInput, "no review file: \(name) is not beside \(input.displayPath) (or name one with --review)")
        }
        let compilation = Compilation(input, configuration: configuration, revisions: review.review.revisions)
        try report(compilation.diagnostics, path: input.displayPath)
        switch mode {
        case .applyNotes?: try await applyNotes(review, plan: compilation.plan, settings: settings)
        case .importCut?, .serve?, nil: break   // they ran above
        }
    }

    /// `--apply-notes`: the notes become revisions in the review file. DashScope's address
    /// is `--dashscope-url`, else the project file's.
    private func applyNotes(_ review: ReviewFile, plan: Plan, settings: ProjectSettings) async throws {
        let reviser = try self.reviser.map { text throws(AnimaticError) in try ReviserChoice(text).make(baseURL: settings.dashScopeURL) }
        let outcome = try await NoteApplication(file: review, plan: plan, reviser: reviser).run()
        printError(DiagnosticReport.render(outcome.diagnostics, path: review.displayPath))
        print(outcome.summary)
    }

    /// `--import`: the editor's cut list against the timeline the plan exports (with the
    /// review's revisions so far), its changes written into the review file.
    private func importCut(_ path: String, format: CutListFormat, input: ScriptInput, configuration: PlanConfiguration) throws {
        let review = try options.reviewFile.load(for: input)
        let compilation = Compilation(input, configuration: configuration, revisions: review.revisions)
        review.warnAboutStaleEntries(in: compilation.plan)
        try report(compilation.diagnostics, path: input.displayPath)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AnimaticError(.noInput, "\(path): no such cut list, or it cannot be read")
        }
        let cut: EditedCut
        do { cut = try EditedCut.read(data, format: format, rate: compilation.plan.frameRate) } catch {
            throw AnimaticError(.badInput, "\(path): \(error.message)")
        }
        let name = input.url?.deletingPathExtension().lastPathComponent ?? "animatic"
        let scriptDirectory = input.url?.deletingLastPathComponent() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        // Only file names are compared, so the media's folder does not matter. The takes are
        // those the build beside the script put on its timeline: QC's choice in the cut is
        // what the build chose, not the editor's pick.
        let video = scriptDirectory.appendingPathComponent(name + ".mp4")
        let plan = compilation.plan.placingTakes(chosenIn: BuildReport.read(BuildSettings.reportURL(forVideo: video)))
        let timeline = Timeline(plan: plan, media: .beside(video: video), title: name)
        let reviewName = ReviewFile.defaultName(forScript: input.displayPath)
        let newFile = (scriptDirectory.appendingPathComponent(reviewName),
                       ((input.displayPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(reviewName))
        let outcome = try CutImport(cut: cut, timeline: timeline, file: review, newFile: newFile).run()
        print(outcome.summary)
    }

    private func reviserChoice(_ text: String) throws -> ReviserChoice {
        do { return try ReviserChoice(text) } catch { throw ValidationError("--reviser: \(error.message)") }
    }
}

import Animatic
import ArgumentParser
import Foundation
import Generation
import Planning

struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Work on the review file: turn the director's notes into revisions.",
        discussion: """
            With --apply-notes, each note in the review file (<script name>.review.yaml beside \
            the script, or --review FILE) not yet applied becomes a revision of its shot, written \
            back into the file with its comments and order kept, and the note is marked \
            `applied: true`. Notes are read by a table of common previs notes in English and \
            Chinese, or with --reviser by a text model (docs/review.md; --dashscope-url names \
            DashScope's region). Exits 65 when the \
            review file or the script has errors, 66 when there is no review file, 69 when the \
            reviser fails.
            """
    )

    @Argument(help: "The Fountain script.")
    var file: String

    @Flag(name: .customLong("apply-notes"), help: "Turn each unapplied note into a revision in the review file.")
    var applyNotes = false

    @Option(help: "A text model for notes: command:'PROGRAM ARGS' (the note and prompt as JSON on its standard input, the revised prompt on its standard output), or dashscope[:MODEL] (Qwen, key from DASHSCOPE_API_KEY).")
    var reviser: String?

    @OptionGroup var options: PlanOptions

    /// What the command does with the review file: one mode a run. (Serving the review
    /// page, issue #14, is to be another.)
    private enum Mode {
        case applyNotes
    }

    private var mode: Mode? { applyNotes ? .applyNotes : nil }

    func validate() throws {
        guard mode != nil else { throw ValidationError("say what to do with the review file: --apply-notes") }
        if file == "-" { throw ValidationError("review needs a script file, not standard input") }
        if let reviser { _ = try reviserChoice(reviser) }
    }

    func run() async throws {
        let input = try ScriptInput.read(file)
        let (settings, configuration, _) = try options.planning(for: input)
        guard let review = try options.reviewFile.load(for: input) else {
            let name = ReviewFile.defaultName(forScript: input.displayPath)
            throw AnimaticError(.noInput, "no review file: \(name) is not beside \(input.displayPath) (or name one with --review)")
        }
        let compilation = Compilation(input, configuration: configuration, revisions: review.review.revisions)
        try report(compilation.diagnostics, path: input.displayPath)
        switch mode {
        case .applyNotes?: try await applyNotes(review, plan: compilation.plan, settings: settings)
        case nil: break   // validate() admits no run without a mode.
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

    private func reviserChoice(_ text: String) throws -> ReviserChoice {
        do { return try ReviserChoice(text) } catch { throw ValidationError("--reviser: \(error.message)") }
    }
}

import Animatic
import AnimaticCommands
import CutLists
import Foundation
import Generation
import Planning
import Project
import Screenplay

extension ReviewCommand {
    /// Runs the command in this process.
    func runHere() async throws {
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
        // those the build of the video (-o, default beside the script) put on its timeline:
        // QC's choice in the cut is what the build chose, not the editor's pick.
        let video = output.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? scriptDirectory.appendingPathComponent(name + ".mp4")
        let timeline = Timeline(plan: compilation.plan.placingTakes(BuiltTakeChoices(forVideo: video)), media: .beside(video: video),
                                title: name)
        let reviewName = ReviewFile.defaultName(forScript: input.displayPath)
        let newFile = (scriptDirectory.appendingPathComponent(reviewName),
                       DisplayPath.sibling(named: reviewName, of: input.displayPath))
        let outcome = try CutImport(cut: cut, timeline: timeline, file: review, newFile: newFile).run()
        print(outcome.summary)
    }
}

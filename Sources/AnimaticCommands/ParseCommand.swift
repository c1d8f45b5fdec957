import JSONForms
import Project
import ArgumentParser
import Foundation
import Screenplay

package struct ParseCommand: ParsableCommand {
    /// The argument parser makes one from the command line.
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print the screenplay's tree with source ranges, or its JSON form.",
        discussion: "Diagnostics (the reader's) go to standard error. Exits 65 when the script has errors."
    )

    @Argument(help: "The Fountain script, or - for standard input.")
    package var file: String

    @Flag(help: "Print the documented, versioned JSON form (docs/screenplay-json.md).")
    package var json = false

    package func run() throws {
        let input = try ScriptInput.read(file)
        let result = FountainReader.parse(input.bytes)
        if json {
            let data: Data
            do { data = try ScreenplayDocument(result).jsonData() } catch {
                throw AnimaticError(.internalFailure, "cannot encode the tree as JSON: \(error)")
            }
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(TreeDump.dump(result.screenplay).utf8))
        }
        try report(result.diagnostics, path: input.displayPath)
    }
}

package struct CheckCommand: ParsableCommand {
    /// The argument parser makes one from the command line.
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Print every diagnostic about the script: the reader's, the planner's, the project and review files'.",
        discussion: """
            Reads and plans the script as `plan` does, with the same options and project file, \
            and prints nothing else. Exits 0 when there are no errors (warnings allowed), 65 \
            when there are.
            """
    )

    @Argument(help: "The Fountain script, or - for standard input.")
    package var file: String

    @Flag(help: "Check only the prompts' compliance (docs/compliance.md): public figures, brands and sensitive terms under the backend's policies; blocked findings are errors.")
    package var compliance = false

    @OptionGroup package var options: PlanOptions

    package func run() throws {
        try Self.check(file, compliance: compliance, options: options)
    }

    /// Checks the script `file` (`-`: standard input) under `options`, as `run` does for the
    /// command line and `AnimaticCommand.checkQuickly` for `animatic check FILE`.
    package static func check(_ file: String, compliance: Bool, options: some PlanningChoices) throws {
        try options.requireMediaForBackend(file: file)
        let input = try ScriptInput.read(file)
        let (settings, configuration, _) = try options.planning(for: input)
        let review = try options.loadReviewFile(for: input)
        if review == nil && !compliance {
            // Nothing here needs the shots themselves: only the breakdown's diagnostics.
            try report(PlannedScript.diagnostics(input, configuration: configuration), path: input.displayPath)
            return
        }
        let compilation = PlannedScript(input, configuration: configuration, revisions: review.revisions)
        guard compliance else {
            review.warnAboutStaleEntries(in: compilation.plan)
            try report(compilation.diagnostics, path: input.displayPath)
            return
        }
        let checker = try settings.complianceChecker(backend: (settings.backend ?? .cards).rawValue)
        try report(checker.check(compilation.plan, source: input.bytes).diagnostics, path: input.displayPath)
    }
}

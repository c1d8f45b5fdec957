import JSONForms
import Project
import ArgumentParser
import Foundation
import Planning

package struct PlanCommand: ParsableCommand {
    /// The argument parser makes one from the command line.
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the shot list: every shot timed to the frame, with segments and prompts.",
        discussion: """
            Prints a readable table by default, the versioned plan JSON with --json \
            (docs/plan-json.md), or the CSV shot list with --csv. Diagnostics go to standard \
            error. When the script has errors it prints them and nothing else, and exits 65.
            """
    )

    @Argument(help: "The Fountain script, or - for standard input.")
    package var file: String

    @Flag(help: "Print the plan as JSON (docs/plan-json.md).")
    package var json = false

    @Flag(help: "Print the shot list as CSV.")
    package var csv = false

    @OptionGroup package var sound: SoundOptions

    @OptionGroup package var options: PlanOptions

    package func validate() throws {
        if json && csv { throw ValidationError("--json and --csv cannot be used together") }
    }

    package func run() throws {
        try sound.requireMediaForSound()
        try options.requireMediaForBackend(file: file)
        let input = try ScriptInput.read(file)
        let (settings, configuration, _) = try options.planning(for: input)
        let review = try options.reviewFile.load(for: input)
        let compilation = try sound.compile(input, configuration: configuration, revisions: review.revisions, chosen: settings).script
        review.warnAboutStaleEntries(in: compilation.plan)
        // Like a compiler: on errors, the diagnostics and nothing else, so that `plan --json >
        // p.json` cannot leave a plausible plan behind.
        try report(compilation.diagnostics, path: input.displayPath)
        let plan = compilation.plan
        let output: Data
        if json {
            do { output = try PlanJSON.encode(plan) + Data("\n".utf8) } catch {
                throw AnimaticError(.internalFailure, "cannot encode the plan as JSON: \(error)")
            }
        } else if csv {
            output = Data(ShotListCSV.render(plan).utf8)
        } else {
            let pages = PageCount.pages(compilation.screenplay)
            let minutes = Double(plan.totalFrames * plan.frameRate.den) / Double(plan.frameRate.num) / 60
            let perPage = pages > 0 ? String(format: ", %.2f min a page", minutes / pages) : ""
            output = Data((ShotListTable.render(plan) + String(format: "%.1f pages (55 lines a page)", pages) + perPage + "\n"
                + RevisionListing.render(plan, reviewFile: review?.displayPath)).utf8)
        }
        FileHandle.standardOutput.write(output)
    }
}

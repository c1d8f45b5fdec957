import Animatic
import ArgumentParser
import Foundation
import Planning
import Screenplay

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the shot list: every shot timed to the frame, with segments and prompts.",
        discussion: """
            Prints a readable table by default, the versioned plan JSON with --json \
            (docs/plan-json.md), or the CSV shot list with --csv. Diagnostics go to standard \
            error. Exits 65 when the script has errors.
            """
    )

    @Argument(help: "The Fountain script, or - for standard input.")
    var file: String

    @Flag(help: "Print the plan as JSON (docs/plan-json.md).")
    var json = false

    @Flag(help: "Print the shot list as CSV.")
    var csv = false

    @OptionGroup var options: PlanOptions

    func validate() throws {
        if json && csv { throw ValidationError("--json and --csv cannot be used together") }
    }

    func run() throws {
        let input: ScriptInput
        do { input = try ScriptInput.read(file) } catch { fail(error) }
        let configuration = try options.planning(for: input).configuration
        let review = try options.reviewFile.load(for: input)
        let parsed = FountainReader.parse(input.bytes)
        let result = Planner(configuration: configuration, revisions: review.revisions).plan(parsed.screenplay)
        let output: Data
        if json {
            do { output = try PlanJSON.encode(result.plan) + Data("\n".utf8) } catch {
                fail(AnimaticError(.internalFailure, "cannot encode the plan as JSON: \(error)"))
            }
        } else if csv {
            output = Data(ShotListCSV.render(result.plan).utf8)
        } else {
            let pages = PageCount.pages(parsed.screenplay)
            let minutes = Double(result.plan.totalFrames * result.plan.frameRate.den) / Double(result.plan.frameRate.num) / 60
            let perPage = pages > 0 ? String(format: ", %.2f min a page", minutes / pages) : ""
            output = Data((ShotListTable.render(result.plan) + String(format: "%.1f pages (55 lines a page)", pages) + perPage + "\n"
                + RevisionListing.render(result.plan, reviewFile: review?.displayPath)).utf8)
        }
        FileHandle.standardOutput.write(output)
        printError(DiagnosticReport.render(parsed.diagnostics + result.diagnostics, path: input.displayPath))
        review.warnAboutStaleEntries(in: result.plan)
        if parsed.hasErrors { throw ExitCode(AnimaticError.Kind.badInput.exitCode) }
    }
}

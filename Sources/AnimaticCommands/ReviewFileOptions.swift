import Project
import ArgumentParser
import Planning
import Screenplay

/// `--review`, shared by `check`, `plan`, `build`, `export` and `review`: which review file
/// (docs/review.md) revises the script's shots.
package struct ReviewFileOptions: ParsableArguments {
    /// The argument parser makes one from the command line.
    package init() {}

    @Option(help: "The review file (default: <script name>.review.yaml beside the script).")
    package var review: String?

    /// The review file for `input`, or nil when there is none. Prints its diagnostics;
    /// throws `ReportedErrors` when it has errors, and `AnimaticError` when it cannot be read.
    package func load(for input: ScriptInput) throws -> ReviewFile? {
        try Self.load(explicit: review, for: input)
    }

    /// The review file `explicit` names, else the one beside `input`, as `load(for:)` reads it.
    package static func load(explicit: String?, for input: ScriptInput) throws -> ReviewFile? {
        guard let found = try ReviewFile.locate(explicit: explicit, script: input) else { return nil }
        let file = try ReviewFile.read(found.url, displayPath: found.displayPath)
        try report(file.diagnostics, path: file.displayPath)
        return file
    }
}

extension Optional where Wrapped == ReviewFile {
    /// The planner's revisions from the review file, none without one.
    package var revisions: ShotRevisions { self?.review.revisions ?? ShotRevisions() }

    /// Prints a warning for each entry naming a shot `plan` does not have, and for each
    /// pick of a take its shot does not have.
    package func warnAboutStaleEntries(in plan: Plan) {
        guard let file = self else { return }
        printError(DiagnosticReport.render(file.staleEntries(in: plan) + file.unmadePicks(in: plan), path: file.displayPath))
    }
}

import Foundation
import Planning
import Screenplay

/// A script parsed and planned, with everything `check` reports about it: the first two
/// stages of a build, which need no media. `Compilation` (in `Animatic`) adds the spoken
/// lines' audio on top.
public struct PlannedScript: Sendable {
    /// The parsed script.
    public var screenplay: Screenplay
    /// The plan.
    public var plan: Plan
    /// The reader's and the planner's diagnostics and `extra` ones, in script order (the
    /// reader's first where two start at the same place).
    public var diagnostics: [Diagnostic]
    /// Whether the script has errors (a build then stops before any work).
    public var hasErrors: Bool

    /// Parses `input` and plans it with `configuration` and a review's `revisions`.
    public init(_ input: ScriptInput, configuration: PlanConfiguration, revisions: ShotRevisions = ShotRevisions()) {
        self.init(FountainReader.parse(input.bytes), configuration: configuration, revisions: revisions)
    }

    /// Plans a parsed script; `extra` diagnostics (the audio's) are sorted in with the rest.
    public init(
        _ parsed: ParseResult, configuration: PlanConfiguration, revisions: ShotRevisions, extra: [Diagnostic] = []
    ) {
        let planned = Planner(configuration: configuration, revisions: revisions).plan(parsed.screenplay)
        screenplay = parsed.screenplay
        plan = planned.plan
        diagnostics = ScriptCheck.inScriptOrder(parsed.diagnostics + planned.diagnostics + extra, hasShots: !plan.shots.isEmpty)
        hasErrors = diagnostics.contains { $0.severity == .error }
    }

    /// The diagnostics `PlannedScript(input, configuration:)` has, without planning the
    /// shots (`ScriptCheck`): what `check` prints when no review file revises them.
    public static func diagnostics(_ input: ScriptInput, configuration: PlanConfiguration) -> [Diagnostic] {
        ScriptCheck.diagnostics(FountainReader.parse(input.bytes), configuration: configuration)
    }
}

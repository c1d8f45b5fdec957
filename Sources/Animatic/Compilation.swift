import Planning
import Screenplay

/// A script parsed and planned: the first two stages of a build, which need no media.
public struct Compilation: Sendable {
    /// The plan.
    public var plan: Plan
    /// The reader's and the planner's diagnostics, in that order.
    public var diagnostics: [Diagnostic]
    /// Whether the script has errors (a build then stops before any work).
    public var hasErrors: Bool

    /// Parses `input` and plans it with `configuration` and a review's `revisions`.
    public init(_ input: ScriptInput, configuration: PlanConfiguration, revisions: ShotRevisions = ShotRevisions()) {
        let parsed = FountainReader.parse(input.bytes)
        let planned = Planner(configuration: configuration, revisions: revisions).plan(parsed.screenplay)
        plan = planned.plan
        diagnostics = parsed.diagnostics + planned.diagnostics
        hasErrors = parsed.hasErrors
    }
}

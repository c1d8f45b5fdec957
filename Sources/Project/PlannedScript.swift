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
        diagnostics = Self.diagnostics(parsed.diagnostics + planned.diagnostics + extra, hasShots: !plan.shots.isEmpty)
        hasErrors = diagnostics.contains { $0.severity == .error }
    }

    /// The diagnostics `PlannedScript(input, configuration:)` has, without planning the
    /// shots (`Planner.diagnose`): what `check` prints when no review file revises them.
    public static func diagnostics(_ input: ScriptInput, configuration: PlanConfiguration) -> [Diagnostic] {
        let parsed = FountainReader.parse(input.bytes)
        let planned = Planner(configuration: configuration).diagnose(parsed.screenplay)
        return diagnostics(parsed.diagnostics + planned.diagnostics, hasShots: planned.hasShots)
    }

    /// `found` in script order (the reader's first where two start at the same place), and
    /// an error first when the script has no shot and no other error.
    private static func diagnostics(_ found: [Diagnostic], hasShots: Bool) -> [Diagnostic] {
        var diagnostics = found.enumerated()
            .sorted { ($0.element.range.start.offset, $0.offset) < ($1.element.range.start.offset, $1.offset) }
            .map(\.element)
        if !hasShots && !diagnostics.contains(where: { $0.severity == .error }) {
            // A body of notes, sections or synopses only: the reader finds scenes, but there
            // is nothing to film, and a build would fail at the join after all the set-up.
            let start = SourceLocation(line: 1, column: 1, offset: 0)
            diagnostics.insert(Diagnostic(
                .error, "the script has nothing to film: no action, dialogue or shot", at: SourceRange(start: start, end: start),
                note: "write a scene heading (INT. KITCHEN - NIGHT) and what happens in it"), at: 0)
        }
        return diagnostics
    }
}

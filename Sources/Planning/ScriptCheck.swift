import Screenplay

/// What `animatic check` reports about a script: the reader's and the planner's diagnostics
/// in script order. Here, beside the planner, so that the `animatic` launcher (which links no
/// Foundation, so not `Project`) and `PlannedScript` order them alike.
public enum ScriptCheck {
    /// The diagnostics of the parsed script `parsed` planned with `configuration` and no
    /// review file, without making the shots (`Planner.diagnose`).
    public static func diagnostics(_ parsed: ParseResult, configuration: PlanConfiguration) -> [Diagnostic] {
        let planned = Planner(configuration: configuration).diagnose(parsed.screenplay)
        return inScriptOrder(parsed.diagnostics + planned.diagnostics, hasShots: planned.hasShots)
    }

    /// `found` in script order (the reader's first where two start at the same place), and
    /// an error first when the script has no shot and no other error.
    public static func inScriptOrder(_ found: [Diagnostic], hasShots: Bool) -> [Diagnostic] {
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

import Foundation
import Planning
import Screenplay

/// A script parsed and planned: the first two stages of a build, which need no media, and
/// everything `check`, `plan`, `export` and `build` report about the script.
public struct Compilation: Sendable {
    /// The parsed script.
    public var screenplay: Screenplay
    /// The plan.
    public var plan: Plan
    /// The reader's and the planner's diagnostics, in script order (the reader's first
    /// where two start at the same place).
    public var diagnostics: [Diagnostic]
    /// Whether the script has errors (a build then stops before any work).
    public var hasErrors: Bool
    /// The spoken lines' audio, when planned with sound.
    public var voicing: Voicing?

    /// Parses `input` and plans it with `configuration` and a review's `revisions`.
    public init(_ input: ScriptInput, configuration: PlanConfiguration, revisions: ShotRevisions = ShotRevisions()) {
        self.init(FountainReader.parse(input.bytes), configuration: configuration, revisions: revisions, voicing: nil)
    }

    /// Parses `input`, voices its dialogue (`sound`, cached in `cache`) unless sound is
    /// off, and plans it with each line's audio length and a review's `revisions`. A script
    /// with errors is not voiced: errors stop a build before any work. Without `storing`,
    /// lines missing from the cache are spoken to be measured but not kept (a dry run).
    /// - Throws: `AnimaticError` when the speech engine is unavailable or the cache unwritable.
    public init(
        _ input: ScriptInput, configuration: PlanConfiguration, revisions: ShotRevisions = ShotRevisions(),
        sound: SoundSettings, cache: URL, storing: Bool = true
    ) throws(AnimaticError) {
        let parsed = FountainReader.parse(input.bytes)
        self.init(parsed, configuration: configuration, revisions: revisions, voicing: nil)
        guard sound.mode == .scratch, !hasErrors else { return }
        let directory = input.url?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let voicing = try Voicing.make(
            parsed.screenplay, settings: sound, scriptDirectory: directory, cache: cache, storing: storing)
        var configuration = configuration
        configuration.lineAudio = voicing.lineAudio(timing: sound.timing)
        self.init(parsed, configuration: configuration, revisions: revisions, voicing: voicing)
    }

    private init(_ parsed: ParseResult, configuration: PlanConfiguration, revisions: ShotRevisions, voicing: Voicing?) {
        let planned = Planner(configuration: configuration, revisions: revisions).plan(parsed.screenplay)
        screenplay = parsed.screenplay
        plan = planned.plan
        self.voicing = voicing
        diagnostics = (parsed.diagnostics + planned.diagnostics + (voicing?.diagnostics ?? [])).enumerated()
            .sorted { ($0.element.range.start.offset, $0.offset) < ($1.element.range.start.offset, $1.offset) }
            .map(\.element)
        hasErrors = diagnostics.contains { $0.severity == .error }
        if !hasErrors && plan.shots.isEmpty {
            // A body of notes, sections or synopses only: the reader finds scenes, but there
            // is nothing to film, and a build would fail at the join after all the set-up.
            let start = SourceLocation(line: 1, column: 1, offset: 0)
            diagnostics.insert(Diagnostic(
                .error, "the script has nothing to film: no action, dialogue or shot", at: SourceRange(start: start, end: start),
                note: "write a scene heading (INT. KITCHEN - NIGHT) and what happens in it"), at: 0)
            hasErrors = true
        }
    }
}

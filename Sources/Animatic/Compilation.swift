import Foundation
import Planning
import Screenplay

/// A script parsed and planned (`PlannedScript`) with its spoken lines voiced: what `plan`,
/// `export` and `build` report about the script and time its shots by.
public struct Compilation: Sendable {
    /// The script parsed and planned, with its diagnostics and the audio's.
    public var script: PlannedScript
    /// The spoken lines' audio, when planned with sound.
    public var voicing: Voicing?

    /// The parsed script.
    public var screenplay: Screenplay { script.screenplay }
    /// The plan.
    public var plan: Plan {
        get { script.plan }
        set { script.plan = newValue }
    }
    /// The reader's, the planner's and the audio's diagnostics, in script order.
    public var diagnostics: [Diagnostic] { script.diagnostics }
    /// Whether the script has errors (a build then stops before any work).
    public var hasErrors: Bool { script.hasErrors }

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
        // Whether the script has errors decides whether it is voiced; without a review's
        // revisions `ScriptCheck` tells that without making the shots, so a voiced script is
        // planned once (with its lines' audio) rather than twice.
        let checked = sound.mode == .scratch && revisions.isEmpty
            && !ScriptCheck.diagnostics(parsed, configuration: configuration).contains { $0.severity == .error }
        if !checked {
            self.init(parsed, configuration: configuration, revisions: revisions, voicing: nil)
            guard sound.mode == .scratch, !hasErrors else { return }
        }
        let directory = input.url?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let voicing = try Voicing.make(
            parsed.screenplay, settings: sound, scriptDirectory: directory, cache: cache, storing: storing)
        var configuration = configuration
        configuration.lineAudio = voicing.lineAudio(timing: sound.timing)
        self.init(parsed, configuration: configuration, revisions: revisions, voicing: voicing)
    }

    private init(_ parsed: ParseResult, configuration: PlanConfiguration, revisions: ShotRevisions, voicing: Voicing?) {
        script = PlannedScript(parsed, configuration: configuration, revisions: revisions, extra: voicing?.diagnostics ?? [])
        self.voicing = voicing
    }
}

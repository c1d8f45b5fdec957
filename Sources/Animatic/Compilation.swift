import Foundation
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
    /// The spoken lines' audio, when planned with sound.
    public var voicing: Voicing?

    /// Parses `input` and plans it with `configuration`.
    public init(_ input: ScriptInput, configuration: PlanConfiguration) {
        let parsed = FountainReader.parse(input.bytes)
        let planned = Planner(configuration: configuration).plan(parsed.screenplay)
        plan = planned.plan
        diagnostics = parsed.diagnostics + planned.diagnostics
        hasErrors = parsed.hasErrors
    }

    /// Parses `input`, voices its dialogue (`sound`, cached in `cache`) unless sound is
    /// off, and plans it with each line's audio length.
    /// - Throws: `AnimaticError` when the speech engine is unavailable or the cache unwritable.
    public init(_ input: ScriptInput, configuration: PlanConfiguration, sound: SoundSettings, cache: URL)
        throws(AnimaticError)
    {
        let parsed = FountainReader.parse(input.bytes)
        var configuration = configuration
        var voicing: Voicing?
        if sound.mode == .scratch {
            let directory = input.url?.deletingLastPathComponent()
                ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let voiced = try Voicing.make(parsed.screenplay, settings: sound, scriptDirectory: directory, cache: cache)
            configuration.lineAudio = voiced.lineAudio(timing: sound.timing)
            voicing = voiced
        }
        let planned = Planner(configuration: configuration).plan(parsed.screenplay)
        plan = planned.plan
        let soundDiagnostics = voicing?.diagnostics ?? []
        diagnostics = parsed.diagnostics + planned.diagnostics + soundDiagnostics
        hasErrors = parsed.hasErrors || soundDiagnostics.contains { $0.severity == .error }
        self.voicing = voicing
    }
}

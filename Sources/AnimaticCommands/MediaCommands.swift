import Foundation
import Planning
import Project

/// The work of the commands that needs the media layer — FFmpeg and eSpeak NG, whose ~200
/// shared libraries take longer to load than `check` takes to run. This module links
/// neither: the `animatic-media` helper implements this with them, and the `animatic`
/// front end, which has none, hands such a command to the helper (`HandOver`).
package protocol MediaCommands: Sendable {
    /// `animatic build`.
    func build(_ command: BuildCommand) async throws
    /// `animatic review`.
    func review(_ command: ReviewCommand) async throws
    /// `input` parsed, its dialogue voiced as `sound` says (cached in `cache`), and planned
    /// with each line's length: `plan` and `export` time shots as `build` does. Whether it
    /// was voiced (a script with errors is not).
    func compile(
        _ input: ScriptInput, configuration: PlanConfiguration, revisions: ShotRevisions, sound: SoundSettings, cache: URL
    ) throws -> (script: PlannedScript, voiced: Bool)
    /// The longest clip of the backend `settings` name, which segments are cut to (nil for
    /// the built-in cards); a setting the backend needs but lacks is a usage error.
    func longestClipMilliseconds(_ settings: ProjectSettings) throws -> Int?
}

/// Which `MediaCommands` the running command has: the helper's, or none in the front end.
package enum MediaContext {
    /// Set once by `AnimaticCommand.main` or `checkQuickly`, before any command is parsed or run, and never
    /// again: a plain value rather than a task-local one, whose binding every task of a
    /// build would copy.
    nonisolated(unsafe) package static var commands: (any MediaCommands)?

    /// The media layer, or `HandOver` when this process has none. A command asks before it
    /// reads standard input or prints anything, so that the helper starts from the same
    /// point.
    package static func require() throws(HandOver) -> any MediaCommands {
        guard let commands else { throw HandOver() }
        return commands
    }
}

/// Thrown in the front end for a command that needs the media layer: the program runs the
/// helper in its place with the same arguments.
package struct HandOver: Error {}

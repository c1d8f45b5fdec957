import Animatic
import AnimaticCommands
import Foundation
import Planning

/// The media work done here, in the helper, which links FFmpeg and eSpeak NG.
struct InProcessMedia: MediaCommands {
    func build(_ command: BuildCommand) async throws {
        try await command.runHere()
    }

    func review(_ command: ReviewCommand) async throws {
        try await command.runHere()
    }

    func compile(
        _ input: ScriptInput, configuration: PlanConfiguration, revisions: ShotRevisions, sound: SoundSettings, cache: URL
    ) throws -> (script: PlannedScript, voiced: Bool) {
        let compilation = try Compilation(input, configuration: configuration, revisions: revisions, sound: sound, cache: cache)
        return (compilation.script, compilation.voicing != nil)
    }

    func longestClipMilliseconds(_ settings: ProjectSettings) throws -> Int? {
        try settings.backendLongestClipMilliseconds()
    }
}

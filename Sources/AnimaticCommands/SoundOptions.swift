import Planning
import Project
import ArgumentParser
import Foundation

/// The sound options shared by `plan`, `export` and `build`: they time the shots, so all
/// three must read them alike, or an EDL exported before a build would name other clips
/// than the build makes. (`check` plans by the estimate: none of its diagnostics depend on
/// how long a shot is.)
package struct SoundOptions: ParsableArguments {
    /// The argument parser makes one from the command line.
    package init() {}

    @Option(help: "The soundtrack: scratch (every line spoken by eSpeak NG, or its [[audio:]] take; the default) or none (a silent video, timed by the estimate).")
    package var audio: SoundSettings.Mode?

    @Option(help: "Shot timing with sound: voice (each dialogue shot at least its spoken audio plus a breath; the default) or estimate (words a minute).")
    package var timing: SoundSettings.Timing?

    @Option(name: .customLong("cache-dir"),
            help: "The cache of clips and spoken lines (default: .animatic-cache/ beside the script); plan and export speak into it what build would.")
    package var cacheDirectory: String?

    /// The settings in effect, the project file's `voices` and `music` from `chosen`.
    package func settings(_ chosen: ProjectSettings, loudness: Double = -23) -> SoundSettings {
        SoundSettings(
            mode: audio ?? .scratch, timing: timing ?? .voice, loudness: loudness, voices: chosen.voices ?? [:],
            music: chosen.music)
    }

    /// The cache: this flag, else the project file's, else beside the script.
    package func cache(_ chosen: ProjectSettings, for input: ScriptInput) -> URL {
        cacheDirectory.map { URL(fileURLWithPath: $0) } ?? chosen.cacheDirectory ?? input.defaultCache
    }

    /// Hands the command to the media helper (`HandOver`) when it voices the dialogue
    /// (`--audio scratch`, the default): speaking takes eSpeak NG, whose version is part of
    /// every line's cache key, and FFmpeg's resampler. Asked before the script is read.
    package func requireMediaForSound() throws(HandOver) {
        if (audio ?? .scratch) == .scratch { _ = try MediaContext.require() }
    }

    /// `input` parsed and planned, timed as `build` times it: by the spoken lines (made or
    /// read from the cache) unless `--audio none` (docs/sound.md). Whether it was voiced.
    package func compile(
        _ input: ScriptInput, configuration: PlanConfiguration, revisions: ShotRevisions, chosen: ProjectSettings
    ) throws -> (script: PlannedScript, voiced: Bool) {
        let sound = settings(chosen)
        guard sound.mode == .scratch else {
            return (PlannedScript(input, configuration: configuration, revisions: revisions), false)
        }
        return try MediaContext.require().compile(
            input, configuration: configuration, revisions: revisions, sound: sound, cache: cache(chosen, for: input))
    }
}

extension SoundSettings.Mode: ExpressibleByArgument {}
extension SoundSettings.Timing: ExpressibleByArgument {}

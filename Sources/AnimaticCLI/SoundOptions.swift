import Animatic
import ArgumentParser
import Foundation

/// The sound options shared by `plan`, `export` and `build`: they time the shots, so all
/// three must read them alike, or an EDL exported before a build would name other clips
/// than the build makes. (`check` plans by the estimate: none of its diagnostics depend on
/// how long a shot is.)
struct SoundOptions: ParsableArguments {
    @Option(help: "The soundtrack: scratch (every line spoken by eSpeak NG, or its [[audio:]] take; the default) or none (a silent video, timed by the estimate).")
    var audio: SoundSettings.Mode?

    @Option(help: "Shot timing with sound: voice (each dialogue shot at least its spoken audio plus a breath; the default) or estimate (words a minute).")
    var timing: SoundSettings.Timing?

    @Option(name: .customLong("cache-dir"),
            help: "The cache of clips and spoken lines (default: .animatic-cache/ beside the script); plan and export speak into it what build would.")
    var cacheDirectory: String?

    /// The settings in effect, the project file's `voices` and `music` from `chosen`.
    func settings(_ chosen: ProjectSettings, loudness: Double = -23) -> SoundSettings {
        SoundSettings(
            mode: audio ?? .scratch, timing: timing ?? .voice, loudness: loudness, voices: chosen.voices ?? [:],
            music: chosen.music)
    }

    /// The cache: this flag, else the project file's, else beside the script.
    func cache(_ chosen: ProjectSettings, for input: ScriptInput) -> URL {
        cacheDirectory.map { URL(fileURLWithPath: $0) } ?? chosen.cacheDirectory ?? BuildSettings.defaultCache(for: input.url)
    }
}

extension SoundSettings.Mode: ExpressibleByArgument {}
extension SoundSettings.Timing: ExpressibleByArgument {}

import Project
import Foundation
import ArgumentParser
import Planning

/// The planner's options, shared by `animatic check`, `plan`, `build` and `export`, with the
/// backend flags (the backend sizes the segments) and the project file's. Each one left out
/// is taken from the project file, else from its default.
package struct PlanOptions: ParsableArguments {
    /// The argument parser makes one from the command line.
    package init() {}

    @Option(help: "Timeline frame rate: 24, 25, 23.976 or 29.97 (default: 24).")
    package var fps: FrameRate?

    @Option(name: .customLong("max-segment"), help: "Longest generation segment, in seconds (default: 10).")
    package var maxSegment: Double?

    @Option(help: "A style for every shot (a style annotation still wins for its scene or shot).")
    package var style: String?

    @Option(help: "Takes of every shot, each with its own seed (a takes annotation still wins for its shot; a shot has at least one take per style; default: 1).")
    package var takes: Int?

    @Option(name: .customLong("prompt-language"), help: "Prompt language: en, zh, or auto, the script's language (default: auto).")
    package var promptLanguage: PromptLanguageChoice?

    @Option(help: "Mixed into every shot's seed (an annotation's seed still wins; default: 0).")
    package var seed: Int?

    @Option(help: "The negative prompt for every shot (a negative annotation still wins).")
    package var negative: String?

    @Option(name: .customLong("dialogue-wpm"),
            help: "Speaking rate of English dialogue, in words a minute (default: \(TimingRules().dialogueWordsPerMinute)).")
    package var dialogueWordsPerMinute: Int?

    @Option(name: .customLong("chinese-cpm"),
            help: "Speaking rate of Chinese dialogue, in characters a minute (default: \(TimingRules().chineseCharactersPerMinute)).")
    package var chineseCharactersPerMinute: Int?

    @Option(name: .customLong("min-shot"),
            help: "Shortest shot, in seconds (an annotation's duration still wins; default: \(Double(TimingRules().minimumShot) / 1000)).")
    package var minimumShot: Double?

    @OptionGroup package var backend: BackendFlags

    @OptionGroup package var projectFile: ProjectFileOptions

    @OptionGroup package var reviewFile: ReviewFileOptions

    package func validate() throws {
        if let maxSegment, !SettingLimits.maxSegment.contains(maxSegment) {
            throw ValidationError("--max-segment must be from 2 to 600 seconds")
        }
        if let minimumShot, !SettingLimits.minimumShot.contains(minimumShot) {
            throw ValidationError("--min-shot must be from 0.1 to 60 seconds")
        }
        if let takes, !SettingLimits.takes.contains(takes) { throw ValidationError("--takes must be from 1 to 100") }
        if let seed, !SettingLimits.seed.contains(seed) { throw ValidationError("--seed must be from 0 to 2147483647") }
        if let dialogueWordsPerMinute, !SettingLimits.dialogueWordsPerMinute.contains(dialogueWordsPerMinute) {
            throw ValidationError("--dialogue-wpm must be from 60 to 600")
        }
        if let chineseCharactersPerMinute, !SettingLimits.chineseCharactersPerMinute.contains(chineseCharactersPerMinute) {
            throw ValidationError("--chinese-cpm must be from 60 to 900")
        }
    }

    /// The settings these flags give, nil where a flag is not given.
    package func flagSettings() throws(AnimaticError) -> ProjectSettings {
        var settings = try backend.settings()
        settings.frameRate = fps
        settings.maxSegment = maxSegment
        settings.style = style
        settings.takes = takes
        settings.promptLanguage = promptLanguage
        settings.seed = seed
        settings.negative = negative
        settings.dialogueWordsPerMinute = dialogueWordsPerMinute
        settings.chineseCharactersPerMinute = chineseCharactersPerMinute
        settings.minimumShot = minimumShot
        return settings
    }

    /// The project file for `input`, and the settings in effect: `commandFlags` (the
    /// command's own flags) and these flags over the project file's.
    package func settings(for input: ScriptInput, commandFlags: ProjectSettings = ProjectSettings()) throws
        -> (project: ProjectFile?, settings: ProjectSettings) {
        let project = try projectFile.load(for: input)
        return (project, commandFlags.over(try flagSettings()).over(project?.settings ?? ProjectSettings()))
    }

    /// The settings `settings(for:commandFlags:)` gives, read without printing anything; nil
    /// when the project file cannot be read or has errors (the command then says so).
    package func settingsQuietly(for input: ScriptInput, commandFlags: ProjectSettings = ProjectSettings())
        -> (project: ProjectFile?, settings: ProjectSettings)? {
        var project: ProjectFile?
        if !projectFile.noConfig {
            let located: (url: URL, displayPath: String)?
            do { located = try ProjectFile.locate(explicit: projectFile.config, script: input) } catch { return nil }
            if let found = located {
                guard let file = try? ProjectFile.read(found.url, displayPath: found.displayPath),
                    !file.diagnostics.contains(where: { $0.severity == .error })
                else { return nil }
                project = file
            }
        }
        guard let flags = try? flagSettings() else { return nil }
        return (project, commandFlags.over(flags).over(project?.settings ?? ProjectSettings()))
    }

    /// For `check`, `plan` and `export`: the settings in effect and the planner configuration
    /// from them, its segments cut to the backend as `build` cuts them.
    package func planning(for input: ScriptInput, commandFlags: ProjectSettings = ProjectSettings()) throws
        -> (settings: ProjectSettings, configuration: PlanConfiguration, projectURL: URL?) {
        let (project, settings) = try settings(for: input, commandFlags: commandFlags)
        var configuration = settings.planConfiguration()
        try settings.checkQualityBackend()
        if (settings.backend ?? .cards) != .cards {
            configuration.backendMaxMilliseconds = try MediaContext.require().longestClipMilliseconds(settings)
        }
        return (settings, configuration, project?.url)
    }

    /// Hands the command to the media helper (`HandOver`) when the settings in effect for
    /// the script `file` name a backend other than the built-in cards: the backend's
    /// generator, which knows the longest clip the segments are cut to, lives with the
    /// media layer. Asked before `file` is read, so standard input is left to the helper;
    /// the project file is read here only for its backend (`planning` reports its problems).
    package func requireMediaForBackend(file: String) throws(HandOver) {
        var backend = self.backend.backend
        if backend == nil && !projectFile.noConfig {
            let script = ScriptInput(
                displayPath: file, url: file == "-" ? nil : URL(fileURLWithPath: file).standardizedFileURL, bytes: [])
            if let found = try? ProjectFile.locate(explicit: projectFile.config, script: script) {
                backend = (try? ProjectFile.read(found.url, displayPath: found.displayPath))?.settings.backend
            }
        }
        if (backend ?? .cards) != .cards { _ = try MediaContext.require() }
    }
}

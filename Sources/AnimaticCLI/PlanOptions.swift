import Animatic
import ArgumentParser
import Planning

/// The planner's options, shared by `animatic plan`, `animatic build` and `animatic export`.
/// Each one left out is taken from the project file, else from its default.
struct PlanOptions: ParsableArguments {
    @Option(help: "Timeline frame rate: 24, 25, 23.976 or 29.97 (default: 24).")
    var fps: String?

    @Option(name: .customLong("max-segment"), help: "Longest generation segment, in seconds (default: 10).")
    var maxSegment: Double?

    @Option(help: "A style for every shot (a style annotation still wins for its scene or shot).")
    var style: String?

    @Option(name: .customLong("prompt-language"), help: "Prompt language: en, zh, or auto, the script's language (default: auto).")
    var promptLanguage: String?

    @Option(help: "Mixed into every shot's seed (an annotation's seed still wins; default: 0).")
    var seed: Int?

    @Option(help: "The negative prompt for every shot (a negative annotation still wins).")
    var negative: String?

    @Option(name: .customLong("dialogue-wpm"),
            help: "Speaking rate of English dialogue, in words a minute (default: \(TimingRules().dialogueWordsPerMinute)).")
    var dialogueWordsPerMinute: Int?

    @Option(name: .customLong("chinese-cpm"),
            help: "Speaking rate of Chinese dialogue, in characters a minute (default: \(TimingRules().chineseCharactersPerMinute)).")
    var chineseCharactersPerMinute: Int?

    @Option(name: .customLong("min-shot"),
            help: "Shortest shot, in seconds (an annotation's duration still wins; default: \(Double(TimingRules().minimumShot) / 1000)).")
    var minimumShot: Double?

    @OptionGroup var projectFile: ProjectFileOptions

    func validate() throws {
        if let fps, FrameRate(fps).map({ FrameRate.supported.contains($0) }) != true {
            throw ValidationError("--fps must be 24, 25, 23.976 or 29.97, not '\(fps)'")
        }
        if let promptLanguage, PromptLanguageChoice(rawValue: promptLanguage) == nil {
            throw ValidationError("--prompt-language must be en, zh or auto, not '\(promptLanguage)'")
        }
        if let maxSegment, !SettingLimits.maxSegment.contains(maxSegment) {
            throw ValidationError("--max-segment must be from 2 to 600 seconds")
        }
        if let minimumShot, !SettingLimits.minimumShot.contains(minimumShot) {
            throw ValidationError("--min-shot must be from 0.1 to 60 seconds")
        }
        if let seed, !SettingLimits.seed.contains(seed) { throw ValidationError("--seed must be from 0 to 2147483647") }
        if let dialogueWordsPerMinute, !SettingLimits.dialogueWordsPerMinute.contains(dialogueWordsPerMinute) {
            throw ValidationError("--dialogue-wpm must be from 60 to 600")
        }
        if let chineseCharactersPerMinute, !SettingLimits.chineseCharactersPerMinute.contains(chineseCharactersPerMinute) {
            throw ValidationError("--chinese-cpm must be from 60 to 900")
        }
    }

    /// For `plan` and `export`, which take no backend flags: the project file's settings
    /// for `input`, and the planner configuration from them and the flags, its segments cut
    /// to the file's backend as `build` cuts them.
    func planning(for input: ScriptInput) throws -> (file: ProjectSettings, configuration: PlanConfiguration) {
        let file = try projectFile.load(for: input)?.settings ?? ProjectSettings()
        var configuration = configuration(with: file)
        configuration.backendMaxMilliseconds = file.backendLongestClipMilliseconds()
        return (file, configuration)
    }

    /// The planner configuration: each flag given, else the project file's value, else the default.
    func configuration(with file: ProjectSettings) -> PlanConfiguration {
        var timing = TimingRules()
        timing.dialogueWordsPerMinute = dialogueWordsPerMinute ?? file.dialogueWordsPerMinute ?? timing.dialogueWordsPerMinute
        timing.chineseCharactersPerMinute =
            chineseCharactersPerMinute ?? file.chineseCharactersPerMinute ?? timing.chineseCharactersPerMinute
        if let minimumShot = minimumShot ?? file.minimumShot { timing.minimumShot = Int((minimumShot * 1000).rounded()) }
        var configuration = PlanConfiguration(timing: timing)
        configuration.frameRate = fps.flatMap(FrameRate.init) ?? file.frameRate ?? configuration.frameRate
        if let maxSegment = maxSegment ?? file.maxSegment {
            configuration.maxSegmentMilliseconds = Int((maxSegment * 1000).rounded())
        }
        configuration.style = style ?? file.style
        configuration.promptLanguage =
            promptLanguage.flatMap(PromptLanguageChoice.init(rawValue:)) ?? file.promptLanguage ?? configuration.promptLanguage
        configuration.seed = seed ?? file.seed ?? configuration.seed
        configuration.negativePrompt = negative ?? file.negative
        configuration.establishingExteriors = file.establishingExteriors ?? configuration.establishingExteriors
        return configuration
    }
}

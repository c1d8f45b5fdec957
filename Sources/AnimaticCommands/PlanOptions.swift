import Project
import Foundation
import ArgumentParser
import Planning
import SettingValues

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
}

extension PlanOptions: PlanningChoices {
    package var backendFlag: BackendKind? { backend.backend }
    package var config: String? { projectFile.config }
    package var noConfig: Bool { projectFile.noConfig }
    package var review: String? { reviewFile.review }
}

import ArgumentParser
import Planning

/// The planner's options, shared by `animatic plan` and `animatic build`.
struct PlanOptions: ParsableArguments {
    @Option(help: "Timeline frame rate: 24, 25, 23.976 or 29.97.")
    var fps = "24"

    @Option(name: .customLong("max-segment"), help: "Longest generation segment, in seconds.")
    var maxSegment = 10.0

    @Option(help: "A style for every shot (a style annotation still wins for its scene or shot).")
    var style: String?

    @Option(name: .customLong("prompt-language"), help: "Prompt language: en, zh, or auto (the script's language).")
    var promptLanguage = "auto"

    @Option(help: "Mixed into every shot's seed (an annotation's seed still wins).")
    var seed = 0

    @Option(help: "The negative prompt for every shot (a negative annotation still wins).")
    var negative: String?

    @Option(name: .customLong("dialogue-wpm"), help: "Speaking rate of English dialogue, in words a minute.")
    var dialogueWordsPerMinute = TimingRules().dialogueWordsPerMinute

    @Option(name: .customLong("chinese-cpm"), help: "Speaking rate of Chinese dialogue, in characters a minute.")
    var chineseCharactersPerMinute = TimingRules().chineseCharactersPerMinute

    @Option(name: .customLong("min-shot"), help: "Shortest shot, in seconds (an annotation's duration still wins).")
    var minimumShot = Double(TimingRules().minimumShot) / 1000

    func validate() throws {
        if FrameRate(fps).map({ FrameRate.supported.contains($0) }) != true {
            throw ValidationError("--fps must be 24, 25, 23.976 or 29.97, not '\(fps)'")
        }
        if PromptLanguageChoice(rawValue: promptLanguage) == nil {
            throw ValidationError("--prompt-language must be en, zh or auto, not '\(promptLanguage)'")
        }
        if !(maxSegment >= 2 && maxSegment <= 600) { throw ValidationError("--max-segment must be from 2 to 600 seconds") }
        if !(minimumShot >= 0.1 && minimumShot <= 60) { throw ValidationError("--min-shot must be from 0.1 to 60 seconds") }
        if seed < 0 || seed > 2_147_483_647 { throw ValidationError("--seed must be from 0 to 2147483647") }
        if !(60...600).contains(dialogueWordsPerMinute) { throw ValidationError("--dialogue-wpm must be from 60 to 600") }
        if !(60...900).contains(chineseCharactersPerMinute) { throw ValidationError("--chinese-cpm must be from 60 to 900") }
    }

    /// The planner configuration these options ask for.
    var configuration: PlanConfiguration {
        var timing = TimingRules()
        timing.dialogueWordsPerMinute = dialogueWordsPerMinute
        timing.chineseCharactersPerMinute = chineseCharactersPerMinute
        timing.minimumShot = Int((minimumShot * 1000).rounded())
        return PlanConfiguration(
            frameRate: FrameRate(fps) ?? .film, maxSegmentMilliseconds: Int((maxSegment * 1000).rounded()), style: style,
            promptLanguage: PromptLanguageChoice(rawValue: promptLanguage) ?? .auto, seed: seed, negativePrompt: negative,
            timing: timing)
    }
}

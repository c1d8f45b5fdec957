import Animatic
import ArgumentParser
import Foundation
import Planning
import Screenplay

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the shot list: every shot timed to the frame, with segments and prompts.",
        discussion: """
            Prints a readable table by default, the versioned plan JSON with --json \
            (docs/plan-json.md), or the CSV shot list with --csv. Diagnostics go to standard \
            error. Exits 65 when the script has errors.
            """
    )

    @Argument(help: "The Fountain script, or - for standard input.")
    var file: String

    @Flag(help: "Print the plan as JSON (docs/plan-json.md).")
    var json = false

    @Flag(help: "Print the shot list as CSV.")
    var csv = false

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
        if json && csv { throw ValidationError("--json and --csv cannot be used together") }
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

    func run() throws {
        let input: ScriptInput
        do { input = try ScriptInput.read(file) } catch { fail(error) }
        let parsed = FountainReader.parse(input.bytes)
        var timing = TimingRules()
        timing.dialogueWordsPerMinute = dialogueWordsPerMinute
        timing.chineseCharactersPerMinute = chineseCharactersPerMinute
        timing.minimumShot = Int((minimumShot * 1000).rounded())
        let configuration = PlanConfiguration(
            frameRate: FrameRate(fps) ?? .film, maxSegmentMilliseconds: Int((maxSegment * 1000).rounded()), style: style,
            promptLanguage: PromptLanguageChoice(rawValue: promptLanguage) ?? .auto, seed: seed, negativePrompt: negative,
            timing: timing)
        let result = Planner(configuration: configuration).plan(parsed.screenplay)
        let output: Data
        if json {
            do { output = try PlanJSON.encode(result.plan) + Data("\n".utf8) } catch {
                fail(AnimaticError(.internalFailure, "cannot encode the plan as JSON: \(error)"))
            }
        } else if csv {
            output = Data(ShotListCSV.render(result.plan).utf8)
        } else {
            let pages = PageCount.pages(parsed.screenplay)
            let minutes = Double(result.plan.totalFrames * result.plan.frameRate.den) / Double(result.plan.frameRate.num) / 60
            let perPage = pages > 0 ? String(format: ", %.2f min a page", minutes / pages) : ""
            output = Data((ShotListTable.render(result.plan) + String(format: "%.1f pages (55 lines a page)", pages) + perPage + "\n").utf8)
        }
        FileHandle.standardOutput.write(output)
        printError(DiagnosticReport.render(parsed.diagnostics + result.diagnostics, path: input.displayPath))
        if parsed.hasErrors { throw ExitCode(AnimaticError(.badInput, "").exitCode) }
    }
}

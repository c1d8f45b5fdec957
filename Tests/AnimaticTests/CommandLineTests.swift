import Animatic
import Generation
import Planning
import Speech
import Foundation
import Testing
import TestSupport

/// The command line itself: `--version`, misspelt commands, typed options, the backend flags
/// every planning command shares, and `check` seeing what `plan` sees.
@Suite("command line")
struct CommandLineTests {
    /// A shot of 12 s: two segments of 6 s at the default 10 s limit, three of 4 s at Wan's 5 s.
    static let longShot = "INT. ROOM - DAY\n\n[[shot: CU Anna; duration: 12s]]\nAnna smiles.\n"

    private func withScript(_ text: String, files: [String: String] = [:], _ body: (URL) async throws -> Void) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, contents) in files { try Data(contents.utf8).write(to: directory.appendingPathComponent(name)) }
        let script = directory.appendingPathComponent("film.fountain")
        try Data(text.utf8).write(to: script)
        try await body(script)
    }

    @Test func versionPrintsAndExitsZero() async throws {
        let output = try await CommandRunner.run(["--version"])
        #expect(output.status == 0)
        #expect(output.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
    }

    @Test func aMisspeltCommandIsAUsageErrorWithTheNearestCommand() async throws {
        let output = try await CommandRunner.run(["biuld", "film.fountain"])
        #expect(output.status == 64)
        #expect(output.stderr == "animatic: error: unknown command 'biuld'; did you mean 'build'?\n")
        let unknown = try await CommandRunner.run(["frobnicate"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("the commands are parse, check, plan, build, export"))
    }

    @Test(arguments: [
        ["plan", "--fps", "30"], ["plan", "--prompt-language", "fr"], ["check", "--fps", "fast"],
        ["export", "--format", "edl", "--size-is-not-an-export-flag"], ["build", "--size", "161x90"],
        ["build", "--cutlists", "edl,foo"], ["plan", "--backend", "sora"], ["plan", "--dashscope-url", "ftp://x"],
        ["plan", "--comfyui-url", "not a url"], ["build", "--takes", "0"], ["plan", "--takes", "101"],
    ])
    func badValuesAreUsageErrorsBeforeAnyWork(arguments: [String]) async throws {
        try await withScript(Self.longShot) { script in
            let output = try await CommandRunner.run(arguments + [script.path])
            #expect(output.status == 64, "\(arguments): \(output.stderr)")
            #expect(output.stdout.isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: script.deletingLastPathComponent().path) == ["film.fountain"])
        }
    }

    /// How many segments `plan --json` makes and the longest one's frames.
    private func segments(_ arguments: [String], _ script: URL) async throws -> [Int] {
        let output = try await CommandRunner.run(["plan", "--json"] + arguments + [script.path])
        #expect(output.status == 0, "\(output.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let shots = try #require(plan["shots"] as? [[String: Any]])
        let frames = shots.flatMap { ($0["segments"] as? [[String: Any]] ?? []).compactMap { $0["frames"] as? Int } }
        return [frames.count, frames.max() ?? 0]
    }

    @Test func planTakesTheBackendFlagsAndShowsTheSegmentsBuildWouldMake() async throws {
        try await withScript(Self.longShot) { script in
            #expect(try await segments([], script) == [2, 144])
            // Hosted Wan makes clips of at most 5 s: the same cut `build --backend dashscope` makes.
            #expect(try await segments(["--backend", "dashscope"], script) == [3, 96])
            let export = try await CommandRunner.run(["export", "--format", "csv", "-o", "-", "--backend", "dashscope", script.path])
            #expect(export.status == 0)
            #expect(export.stdout.split(whereSeparator: \.isNewline).count == 4)
        }
        try await withScript(Self.longShot, files: ["animatic.yaml": "backend:\n  kind: dashscope\n"]) { (script: URL) throws in
            #expect(try await segments([], script) == [3, 96])
            #expect(try await segments(["--backend", "cards"], script) == [2, 144], "a flag beats the project file")
        }
    }

    @Test func aBackendMissingASettingIsAUsageErrorForPlanAsForBuild() async throws {
        try await withScript(Self.longShot) { script in
            for command in ["check", "plan", "build"] {
                let output = try await CommandRunner.run([command, "--backend", "comfyui", script.path])
                #expect(output.status == 64, "\(command)")
                #expect(output.stderr.contains("the comfyui backend needs --comfyui-url"), "\(command)")
            }
        }
    }

    @Test func checkReportsThePlannersDiagnosticsAtTheValue() async throws {
        let text = "INT. ROOM - DAY\n\n[[shot: CUU Anna; move: wobble]]\nAnna smiles.\n\n[[shoot: CU]]\nShe sits.\n"
        try await withScript(text) { script in
            let output = try await CommandRunner.run(["check", script.path])
            #expect(output.status == 0)
            #expect(output.stdout.isEmpty)
            let lines = output.stderr.split(separator: "\n").map(String.init)
            #expect(lines.filter { $0.contains(": warning: ") } == [
                "\(script.path):3:9: warning: no shot size in 'CUU Anna'; did you mean 'CU'?",
                "\(script.path):3:25: warning: unknown camera move 'wobble'",
                "\(script.path):6:3: warning: unknown annotation key 'shoot'; this note is read as a plain note",
            ])
            #expect(lines.last == "0 errors, 3 warnings in \(script.path)")
            // plan prints the same diagnostics.
            let plan = try await CommandRunner.run(["plan", script.path])
            #expect(plan.stderr == output.stderr)
        }
    }

    @Test func checkReadsTheProjectFile() async throws {
        try await withScript(Self.longShot, files: ["animatic.yaml": "fps: fast\n"]) { script in
            let output = try await CommandRunner.run(["check", script.path])
            #expect(output.status == 65)
            #expect(output.stderr.contains("animatic.yaml:1:6: error: 'fps' must be 24, 25, 23.976 or 29.97"))
            #expect(try await CommandRunner.run(["check", "--no-config", script.path]).status == 0)
        }
    }
}

@Suite("settings: flag over project file over default")
struct SettingLayerTests {
    /// Settings with every field set, so that a field `over` forgets shows up as nil.
    static let full: ProjectSettings = {
        var settings = ProjectSettings()
        settings.size = FrameSize(width: 640, height: 360)
        settings.frameRate = .pal
        settings.jobs = 3
        settings.cacheDirectory = URL(fileURLWithPath: "/cache")
        settings.cutLists = [.edl]
        settings.edlFlavor = .avid
        settings.keepGoing = true
        settings.style = "ink"
        settings.takes = 2
        settings.styles = ["noir", "pastel"]
        settings.seed = 9
        settings.negative = "blur"
        settings.maxSegment = 4
        settings.promptLanguage = .chinese
        settings.dialogueWordsPerMinute = 120
        settings.chineseCharactersPerMinute = 200
        settings.minimumShot = 1
        settings.music = URL(fileURLWithPath: "/score.wav")
        settings.voices = ["ANNA": VoiceChoice(language: "en-gb", variant: "f2", pitch: 70)]
        settings.establishingExteriors = false
        settings.qcPolicy = .strict
        settings.qcRetakes = 3
        settings.qcBlack = 1
        settings.qcFrozen = 2
        settings.qcCut = 20
        settings.qcFlicker = 4
        settings.qcBlur = 6
        settings.qcMinLength = 0.5
        settings.complianceNames = URL(fileURLWithPath: "/names.txt")
        settings.complianceBrands = URL(fileURLWithPath: "/brands.txt")
        settings.compliancePolicies = [.publicFigures: .rewrite, .hate: .warn]
        settings.backend = .dashscope
        settings.commandTemplate = try? .init(parsing: "gen {output}")
        settings.dashScopeURL = URL(string: "https://example.com")
        settings.comfyUIURLs = [URL(string: "http://gpu:8188")!]
        settings.comfyUIWorkflow = URL(fileURLWithPath: "/w.json")
        settings.dashScopeModel = "wan2.6-t2v"
        settings.dashScopeRegion = .virginia
        settings.workerCommand = try? WorkerCommand(parsing: "python3 worker.py")
        settings.workers = 2
        settings.workerGPUs = ["0", "1"]
        settings.costCurrency = "USD"
        settings.prices = ["wan2.6-t2v": 0.1]
        settings.gpuSecondsPerSecond = 208
        settings.maxCost = 20
        settings.patience = 30
        settings.maxDownload = 1 << 30
        settings.quality = .final
        settings.qualityDraft.size = FrameSize(width: 832, height: 480)
        settings.qualityDraft.dashScopeModel = "wan2.2-t2v-plus"
        settings.qualityFinal.workerCommand = try? WorkerCommand(parsing: "python3 final.py")
        settings.qualityFinal.comfyUIWorkflow = URL(fileURLWithPath: "/final.json")
        settings.qualityFinal.commandTemplate = try? .init(parsing: "final {output}")
        return settings
    }()

    @Test func aFlagWinsOverTheQualitySectionsToo() {
        var flags = ProjectSettings()
        flags.dashScopeModel = "wan2.7-t2v"
        let merged = flags.over(Self.full)
        // The draft's model yields to the flag; what no flag gives stays.
        #expect(merged.at(.draft).dashScopeModel == "wan2.7-t2v" && merged.at(.final).dashScopeModel == "wan2.7-t2v")
        #expect(merged.qualityDraft.size == FrameSize(width: 832, height: 480))
        #expect(merged.at(.final).workerCommand?.description == "python3 final.py")
        #expect(Self.full.at(.draft).dashScopeModel == "wan2.2-t2v-plus" && Self.full.at(.final).dashScopeModel == "wan2.6-t2v")
    }

    @Test func everySettingFallsThroughToTheLayerBelow() {
        let merged = ProjectSettings().over(Self.full)
        #expect(merged == Self.full)
        // Every field is optional: one still nil is one the fixture or `over` leaves out.
        let unset = Mirror(reflecting: merged).children.filter { "\($0.value)" == "nil" }.compactMap(\.label)
        #expect(unset == [])
    }

    @Test func theUpperLayerWins() {
        var flags = ProjectSettings()
        flags.frameRate = .film
        flags.seed = 1
        let merged = flags.over(Self.full)
        #expect(merged.frameRate == .film && merged.seed == 1 && merged.style == "ink")
        #expect(merged.planConfiguration().frameRate == .film)
        #expect(ProjectSettings().planConfiguration() == PlanConfiguration())
    }
}

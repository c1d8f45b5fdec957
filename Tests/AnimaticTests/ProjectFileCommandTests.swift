import Animatic
import Foundation
import Testing
import TestSupport

/// `animatic plan`, `build` and `export` with a project file beside the script.
@Suite("project file: the commands")
struct ProjectFileCommandTests {
    static let script = "EXT. HARBOR - DAWN\n\nFog rolls in over the water.\n\nANNA\nThey are selling the building.\n"

    /// A directory holding `film.fountain` and the given project files, removed when done.
    final class Project {
        /// The temporary directory, removed when done.
        private let base: URL
        let directory: URL
        var script: URL { directory.appendingPathComponent("film.fountain") }

        /// `directoryName`, when given, names the project's directory inside the temporary one.
        init(_ files: [String: String], directoryName: String? = nil) throws {
            let base = try temporaryDirectory()
            self.base = base
            directory = directoryName.map { base.appendingPathComponent($0) } ?? base
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(ProjectFileCommandTests.script.utf8).write(to: script)
            for (name, text) in files {
                let url = directory.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
        }

        deinit {
            try? FileManager.default.removeItem(at: base)
        }

        /// Runs `animatic` in the project's directory.
        func run(_ arguments: [String]) async throws -> CommandRunner.Output {
            try await CommandRunner.run(arguments, in: directory)
        }

        /// `animatic plan --json` and the plan's frame rate as `num/den`.
        func planRate(_ extra: [String] = []) async throws -> String? {
            let output = try await run(["plan", "--json", "film.fountain"] + extra)
            #expect(output.status == 0, "\(output.stderr)")
            let plan = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            let rate = plan?["frameRate"] as? [String: Int]
            return rate.map { "\($0["num"] ?? 0)/\($0["den"] ?? 0)" }
        }
    }

    /// ffprobe's `width,height,r_frame_rate` of a video's first stream.
    private func stream(_ video: URL) async throws -> String {
        try await runTool("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,r_frame_rate",
                                "-of", "csv=p=0", video.path]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func planTakesTheProjectFileAndAFlagWins() async throws {
        for files in [["animatic.yaml": "fps: 25\n"], ["animatic.toml": "fps = 25\n"]] {
            let project = try Project(files)
            #expect(try await project.planRate() == "25/1")
            #expect(try await project.planRate(["--fps", "23.976"]) == "24000/1001")
        }
        let defaults = try Project([:])
        #expect(try await defaults.planRate() == "24/1")
    }

    @Test func theProjectFileTurnsEstablishingExteriorsOff() async throws {
        func settings(_ files: [String: String]) async throws -> [String] {
            let project = try Project(files.merging(["interior.fountain": "INT. LIGHTHOUSE - NIGHT\n\nThe lamp turns.\n"]) { $1 })
            let output = try await project.run(["plan", "--json", "interior.fountain"])
            #expect(output.status == 0, "\(output.stderr)")
            let plan = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            return (plan?["shots"] as? [[String: Any]] ?? []).compactMap { $0["setting"] as? String }
        }
        #expect(try await settings([:]) == ["exterior", "interior"])
        #expect(try await settings(["animatic.yaml": "establishing_exteriors: false\n"]) == ["interior"])
        #expect(try await settings(["animatic.toml": "establishing_exteriors = true\n"]) == ["exterior", "interior"])
    }

    @Test func configNamesAFileAndNoConfigIgnoresTheOneBesideTheScript() async throws {
        let project = try Project(["animatic.yaml": "fps: 25\n", "settings/ntsc.toml": "fps = 29.97\n"])
        #expect(try await project.planRate(["--config", "settings/ntsc.toml"]) == "30000/1001")
        #expect(try await project.planRate(["--no-config"]) == "24/1")
        let both = try await project.run(["plan", "film.fountain", "--config", "settings/ntsc.toml", "--no-config"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--config and --no-config cannot be used together"))
        let missing = try await project.run(["plan", "film.fountain", "--config", "settings/none.toml"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("settings/none.toml: no such project file"))
        let wrongKind = try await project.run(["plan", "film.fountain", "--config", "settings/ntsc.json"])
        #expect(wrongKind.status == 64)
    }

    @Test func bothFormatsBesideTheScriptIsAnError() async throws {
        let project = try Project(["animatic.yaml": "fps: 25\n", "animatic.toml": "fps = 25\n"])
        let output = try await project.run(["plan", "film.fountain"])
        #expect(output.status == 65)
        #expect(output.stderr.contains("both animatic.yaml and animatic.toml are in"))
        #expect(output.stdout.isEmpty)
        #expect(try await project.planRate(["--config", "animatic.toml"]) == "25/1")
    }

    @Test func aBadProjectFileStopsTheBuildWithExit65BeforeAnyWork() async throws {
        let project = try Project(["animatic.yaml": "size: 320x180\nbackend:\n  kind: cards\n  knd: comfyui\nfps: fast\n"])
        let output = try await project.run(["build", "film.fountain", "--quiet"])
        #expect(output.status == 65)
        #expect(output.stderr == """
            animatic.yaml:4:3: error: unknown key 'knd' in 'backend'
            animatic.yaml:4:3: note: did you mean 'kind'?
            animatic.yaml:5:6: error: 'fps' must be 24, 25, 23.976 or 29.97, not fast
            2 errors, 0 warnings in animatic.yaml

            """)
        #expect(!FileManager.default.fileExists(atPath: project.directory.appendingPathComponent("film.mp4").path))
        #expect(!FileManager.default.fileExists(atPath: project.directory.appendingPathComponent(".animatic-cache").path))
        // Named through the script's path, the file is named the same way.
        let absolute = try await CommandRunner.run(["plan", project.script.path])
        #expect(absolute.stderr.hasPrefix(project.directory.appendingPathComponent("animatic.yaml").path + ":4:3: error:"))
    }

    @Test func aSecretInTheProjectFileIsRefusedAndNeverPrinted() async throws {
        let secret = "sk-live-0123456789"
        let project = try Project(["animatic.toml": "[backend]\nkind = 'dashscope'\ndashscope.api_key = \"\(secret)\"\n"])
        let output = try await project.run(["build", "film.fountain", "--quiet"])
        #expect(output.status == 65)
        #expect(output.stderr.contains("animatic.toml:3:11: error: 'backend.dashscope.api_key' looks like a secret"))
        #expect(output.stderr.contains("DASHSCOPE_API_KEY"))
        #expect(!output.stderr.contains(secret) && !output.stdout.contains(secret))
    }

    @Test func buildTakesSizeRateCacheAndCutListsFromTheFileAndListsItInTheDepfile() async throws {
        let project = try Project([
            "animatic.toml": "size = \"320x180\"\nfps = 25\njobs = 2\ncache_dir = \"clips\"\ncutlists = [\"srt\"]\n",
        ])
        let output = try await project.run(["build", "film.fountain", "--depfile", "film.d", "--quiet"])
        #expect(output.status == 0, "\(output.stderr)")
        let video = project.directory.appendingPathComponent("film.mp4")
        #expect(try await stream(video) == "320,180,25/1")
        let report = try #require(BuildReport.read(project.directory.appendingPathComponent("film.report.json")))
        #expect(try await ffprobeFrameCount(video) == report.totalFrames)
        let clips = project.directory.appendingPathComponent("clips/clips")
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: clips.path)).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: project.directory.appendingPathComponent(".animatic-cache").path))
        #expect(FileManager.default.fileExists(atPath: project.directory.appendingPathComponent("film.srt").path))
        #expect(!FileManager.default.fileExists(atPath: project.directory.appendingPathComponent("film.edl").path))
        let depfile = try String(contentsOf: project.directory.appendingPathComponent("film.d"), encoding: .utf8)
        #expect(depfile.contains("film.mp4: \\\n film.fountain \\\n animatic.toml \\\n"), "\(depfile)")

        // A flag beats the file; what the flag does not say still comes from it.
        let flagged = try await project.run(["build", "film.fountain", "--size", "160x90", "--quiet"])
        #expect(flagged.status == 0, "\(flagged.stderr)")
        #expect(try await stream(video) == "160,90,25/1")
        let ignored = try await project.run(["build", "film.fountain", "--no-config", "--depfile", "film.d", "--cutlists", "none", "--quiet"])
        #expect(ignored.status == 0, "\(ignored.stderr)")
        #expect(try await stream(video) == "1280,720,24/1")
        #expect(!(try String(contentsOf: project.directory.appendingPathComponent("film.d"), encoding: .utf8)).contains("animatic.toml"))
    }

    @Test func theCommandBackendRunsTheFilesArgumentListAsWritten() async throws {
        // The directory's name has a space: as one argument of the list, it must reach the
        // program whole (generate.py rejects a stray word).
        let fakeWan = BuildBackendFlagTests.fakeWan.path
        let project = try Project([:], directoryName: "wan checkpoints")
        let yaml = """
            size: 320x180
            cutlists: none
            backend:
              kind: command
              command:
                template:
                  - python3
                  - \(fakeWan)
                  - --task
                  - t2v-A14B
                  - --size
                  - "{width}*{height}"
                  - --frame_num
                  - "{frames}"
                  - --ckpt_dir
                  - \(project.directory.path)
                  - --prompt
                  - "{prompt}"
                  - --save_file
                  - "{output}"
            """
        try Data(yaml.utf8).write(to: project.directory.appendingPathComponent("animatic.yaml"))
        let output = try await project.run(["build", "film.fountain", "--quiet"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try await stream(project.directory.appendingPathComponent("film.mp4")) == "320,180,24/1")
        let report = try #require(BuildReport.read(project.directory.appendingPathComponent("film.report.json")))
        #expect(report.failed == 0 && report.generated > 0)
        // The Wan task the template names cuts segments to its 5 s clips (the cards' limit is 10 s).
        let plan = try JSONSerialization.jsonObject(
            with: Data(contentsOf: project.directory.appendingPathComponent("film.plan.json"))) as? [String: Any]
        #expect(plan?["maxSegmentFrames"] as? Int == 121)
        // `plan` and `export` cut the same segments from the same file, so an EDL exported
        // before the build names the clips it makes: a 9 s shot is two segments of Wan's 5 s.
        let long = "EXT. HARBOR - DAWN\n\n" + String(repeating: "Fog rolls in slowly over the grey water. ", count: 6) + "\n"
        try Data(long.utf8).write(to: project.script)
        let planned = try await project.run(["plan", "film.fountain", "--json"])
        #expect(planned.status == 0, "\(planned.stderr)")
        let planJSON = try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any]
        #expect(planJSON?["maxSegmentFrames"] as? Int == 121)
        let exported = try await project.run(["export", "film.fountain", "--format", "csv", "-o", "-"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let rows = exported.stdout.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",") }
        #expect(rows.contains { $0[2].hasSuffix("-2") } && rows.allSatisfy { (Int($0[5]) ?? .max) <= 121 }, "\(exported.stdout)")
        let unlimited = try await project.run(["export", "film.fountain", "--format", "csv", "-o", "-", "--no-config"])
        #expect(!unlimited.stdout.split(whereSeparator: \.isNewline).contains { $0.contains("-2,") }, "\(unlimited.stdout)")
    }

    @Test func exportTakesTheEDLFlavorFromTheFile() async throws {
        let project = try Project(["animatic.yaml": "edl_flavor: avid\n"])
        let fromFile = try await project.run(["export", "film.fountain", "--format", "edl", "-o", "-"])
        let fromFlag = try await project.run(["export", "film.fountain", "--format", "edl", "-o", "-", "--no-config", "--edl-flavor", "avid"])
        let byDefault = try await project.run(["export", "film.fountain", "--format", "edl", "-o", "-", "--no-config"])
        #expect(fromFile.status == 0 && fromFlag.status == 0 && byDefault.status == 0)
        #expect(fromFile.stdout == fromFlag.stdout)
        #expect(fromFile.stdout != byDefault.stdout)
    }
}

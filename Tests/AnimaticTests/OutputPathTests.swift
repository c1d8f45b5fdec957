import Animatic
import Foundation
import Testing

/// Outputs never replace inputs or each other, and every output's folder is made and
/// checked before any work (issue #10).
@Suite("animatic build: output paths")
struct OutputPathTests {
    private func project() throws -> BuildProject { try BuildProject(script: buildScript) }

    private func build(_ project: BuildProject, _ options: [String], stdin: Data? = nil) async throws -> CommandRunner.Output {
        try await CommandRunner.run(["build", "film.fountain", "--size", "160x90", "--quiet"] + options, stdin: stdin,
                              in: project.directory)
    }

    /// Whether the build did nothing: no clip generated, no cache made.
    private func nothingGenerated(_ project: BuildProject) -> Bool {
        project.cachedClips().isEmpty
    }

    @Test(arguments: [
        (["-o", "film.fountain"], "the video film.fountain would replace the script film.fountain; choose another -o"),
        (["--depfile", "film.fountain"], "the depfile film.fountain would replace the script film.fountain; choose another --depfile"),
        (["-o", "sub/../film.fountain"], "would replace the script film.fountain"),
        (["-o", "film.review.yaml"], "would replace the review file film.review.yaml"),
        (["--depfile", "animatic.yaml"], "the depfile animatic.yaml would replace the project file animatic.yaml"),
        (["-o", "film.edl"], "the video film.edl would be named like the EDL of a build"),
        (["-o", "film.plan.json"], "the video film.plan.json would be named like the plan of a build"),
        (["--depfile", "film.plan.json"], "the depfile film.plan.json and the plan film.plan.json are the same file; choose another --depfile"),
        (["--depfile", "film.media/film.d"], "the depfile film.media/film.d would be inside, and replaced with, the media folder film.media; choose another --depfile"),
        (["-o", "inside/film.mp4", "--depfile", "inside/film.srt"], "the depfile inside/film.srt and the subtitles inside/film.srt are the same file"),
    ])
    func anOutputOnAnInputOrAnotherOutputIsRefusedBeforeAnyWork(options: [String], message: String) async throws {
        let project = try project()
        try Data("size: 160x90\n".utf8).write(to: project.directory.appendingPathComponent("animatic.yaml"))
        let before = try Data(contentsOf: project.script)
        let result = try await build(project, options)
        #expect(result.status == 64, "\(options): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try Data(contentsOf: project.script) == before)
        #expect(nothingGenerated(project))
        #expect(!FileManager.default.fileExists(atPath: project.directory.appendingPathComponent("film.review.yaml").path))
    }

    @Test func linksAreFollowed() async throws {
        let project = try project()
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: project.directory.appendingPathComponent("video.mp4").path,
                                       withDestinationPath: "film.fountain")
        let folder = project.directory.appendingPathComponent("deep/er")
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("up").path, withDestinationPath: "../..")
        let before = try Data(contentsOf: project.script)
        for options in [["-o", "video.mp4"], ["-o", "deep/er/up/film.fountain"], ["--depfile", "deep/er/up/deep/../film.fountain"]] {
            let result = try await build(project, options)
            #expect(result.status == 64 && result.stderr.contains("would replace the script film.fountain"),
                    "\(options): \(result.stderr)")
        }
        #expect(try Data(contentsOf: project.script) == before)
        #expect(nothingGenerated(project))
    }

    @Test func anOutputThatIsAFolderIsRefused() async throws {
        let project = try project()
        try FileManager.default.createDirectory(at: project.directory.appendingPathComponent("film.xml"), withIntermediateDirectories: true)
        let result = try await build(project, [])
        #expect(result.status == 64)
        #expect(result.stderr.contains("the FCP 7 XML film.xml is a folder; give -o a file name"), "\(result.stderr)")
        #expect(nothingGenerated(project))
    }

    @Test func standardOutputIsRefusedForTheVideo() async throws {
        let project = try project()
        let result = try await build(project, ["-o", "-"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("-o -: the video cannot go to standard output; name a file"))
        #expect(!FileManager.default.fileExists(atPath: project.directory.appendingPathComponent("-").path))
    }

    @Test func missingFoldersAreCreated() async throws {
        let project = try project()
        let result = try await build(project, ["-o", "renders/deep/film.mp4", "--depfile", "deps/film.d", "--cutlists", "edl"])
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["renders/deep/film.mp4", "renders/deep/film.edl", "renders/deep/film.media", "deps/film.d"] {
            #expect(FileManager.default.fileExists(atPath: project.directory.appendingPathComponent(name).path), "\(name)")
        }
    }

    @Test func aFolderThatCannotBeMadeIsNamedBeforeAnyWork() async throws {
        let project = try project()
        try Data().write(to: project.directory.appendingPathComponent("renders"))
        let result = try await build(project, ["-o", "renders/film.mp4"])
        #expect(result.status == 73)
        #expect(result.stderr.contains("cannot create the folder renders for the video: a file of that name is in the way"),
                "\(result.stderr)")
        #expect(!result.stderr.contains(".partial-"))
        #expect(nothingGenerated(project))
    }

    #if os(Linux)
    /// /proc takes no new file, even from root, so the check cannot be skipped by permissions.
    @Test func aFolderThatTakesNoFilesIsNamedBeforeAnyWork() async throws {
        let project = try project()
        let result = try await build(project, ["--depfile", "/proc/film.d"])
        #expect(result.status == 73)
        #expect(result.stderr.hasPrefix("animatic: error: cannot write in the folder /proc for the depfile: "), "\(result.stderr)")
        #expect(nothingGenerated(project))
        #expect(!FileManager.default.fileExists(atPath: project.output.path))
    }
    #endif

    @Test func exportNamesAFolderItCannotMakeAndNeverReplacesTheScript() async throws {
        let project = try project()
        try Data().write(to: project.directory.appendingPathComponent("cuts"))
        let blocked = try await CommandRunner.run(["export", "film.fountain", "--format", "edl", "-o", "cuts/film.edl"],
                                            in: project.directory)
        #expect(blocked.status == 73)
        #expect(blocked.stderr.contains("cannot create the folder cuts for the edl cut list: a file of that name is in the way"),
                "\(blocked.stderr)")
        let before = try Data(contentsOf: project.script)
        let onScript = try await CommandRunner.run(["export", "film.fountain", "--format", "csv", "-o", "film.fountain"],
                                             in: project.directory)
        #expect(onScript.status == 64 && onScript.stderr.contains("would replace the script film.fountain"))
        #expect(try Data(contentsOf: project.script) == before)
        let made = try await CommandRunner.run(["export", "film.fountain", "--format", "edl", "-o", "new/film.edl"],
                                         in: project.directory)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: project.directory.appendingPathComponent("new/film.edl").path))
    }

    @Test func buildReadsTheScriptFromStandardInput() async throws {
        let project = try project()
        let script = Data(buildScript.utf8)
        try FileManager.default.removeItem(at: project.script)
        let unnamed = try await CommandRunner.run(["build", "-", "--size", "160x90", "--quiet"], stdin: script, in: project.directory)
        #expect(unnamed.status == 64)
        #expect(unnamed.stderr.contains("name the video with -o"), "\(unnamed.stderr)")

        let result = try await CommandRunner.run(
            ["build", "-", "-o", "out/piped.mp4", "--depfile", "out/piped.d", "--size", "160x90", "--quiet"], stdin: script,
            in: project.directory)
        #expect(result.status == 0, "\(result.stderr)")
        let out = project.directory.appendingPathComponent("out")
        for name in ["piped.mp4", "piped.plan.json", "piped.edl", "piped.media"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        // The cache is in the current directory; the depfile lists no script file.
        #expect(FileManager.default.fileExists(atPath: project.directory.appendingPathComponent(".animatic-cache/clips").path))
        let depfile = try String(contentsOf: out.appendingPathComponent("piped.d"), encoding: .utf8)
        #expect(depfile.hasPrefix("out/piped.mp4: \\\n /"), "\(depfile)")
        #expect(!depfile.contains("stdin"))
    }

    @Test func theDepfileNamesTheTargetAsMakeDoesAndEndsInANewline() async throws {
        let project = try project()
        let result = try await build(project, ["--depfile", "film.d", "--cutlists", "none"])
        #expect(result.status == 0, "\(result.stderr)")
        let depfile = try String(contentsOf: project.directory.appendingPathComponent("film.d"), encoding: .utf8)
        #expect(depfile.hasPrefix("film.mp4: \\\n film.fountain \\\n"), "\(depfile)")
        #expect(depfile.hasSuffix(".ttc\n") || depfile.hasSuffix(".ttf\n"), "\(depfile)")

        let nested = project.directory.appendingPathComponent("scripts")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try Data(buildScript.utf8).write(to: nested.appendingPathComponent("scene.fountain"))
        let other = try await CommandRunner.run(
            ["build", "scripts/scene.fountain", "--size", "160x90", "--quiet", "--cutlists", "none", "--depfile", "scene.d"],
            in: project.directory)
        #expect(other.status == 0, "\(other.stderr)")
        let text = try String(contentsOf: project.directory.appendingPathComponent("scene.d"), encoding: .utf8)
        #expect(text.hasPrefix("scripts/scene.mp4: \\\n scripts/scene.fountain \\\n"), "\(text)")
    }
}

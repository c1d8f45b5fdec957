import Foundation
import Testing
import TestSupport

/// `make install`'s layout, made by `scripts/install.sh` from the programs these tests run:
/// the front end and the media helper it runs, used from the install prefix.
@Suite("animatic install")
struct InstallTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let script = "Title: Install\n\nINT. HOUSE - DAY\n\nAnna opens the door.\n\nANNA\nHello.\n"

    /// Runs `program arguments` in `directory` (a program just copied may be busy for a
    /// moment: `Program` tries it again).
    private func run(_ program: URL, _ arguments: [String], in directory: URL) async throws -> ProgramOutput {
        var program = Program(program, arguments)
        program.directory = directory
        return try await program.run()
    }

    @Test func installedProgramsCheckAndBuildFromThePrefix() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let prefix = directory.appendingPathComponent("prefix")
        let products = CommandRunner.executable.deletingLastPathComponent()
        let install = try await run(
            URL(fileURLWithPath: "/bin/sh"), [Self.packageRoot.appendingPathComponent("scripts/install.sh").path, prefix.path, products.path],
            in: Self.packageRoot)
        #expect(install.status == 0, "\(install.stderr)")
        let folder = prefix.appendingPathComponent("libexec/animatic")
        for program in ["animatic", "animatic-commands", "animatic-media"] {
            #expect(FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent(program).path), "\(program)")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("animatic_Compliance.resources").path))
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: prefix.appendingPathComponent("bin/animatic").path)
        #expect(link == "../libexec/animatic/animatic")

        let work = directory.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try Data(Self.script.utf8).write(to: work.appendingPathComponent("film.fountain"))
        let animatic = prefix.appendingPathComponent("bin/animatic")
        let check = try await run(animatic, ["check", "film.fountain", "--compliance"], in: work)
        #expect(check.status == 0, "\(check.stderr)")
        // `build` runs in the helper, found beside the front end's own file.
        let build = try await run(
            animatic, ["build", "film.fountain", "--size", "160x90", "--jobs", "1", "--cutlists", "none", "--quiet"], in: work)
        #expect(build.status == 0, "\(build.stderr)")
        let video = work.appendingPathComponent("film.mp4")
        #expect(((try? FileManager.default.attributesOfItem(atPath: video.path))?[.size] as? Int ?? 0) > 0)
    }

    @Test func frontEndWithoutItsHelperSaysSoForMediaCommandsOnly() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let alone = try CommandRunner.copyWithoutMediaHelper(to: directory)
        try Data(Self.script.utf8).write(to: directory.appendingPathComponent("film.fountain"))
        // `check` and `plan --audio none` need no media: the front end runs them itself.
        #expect(try await run(alone, ["check", "film.fountain"], in: directory).status == 0)
        let plan = try await run(alone, ["plan", "film.fountain", "--audio", "none", "--json"], in: directory)
        #expect(plan.status == 0 && plan.stdout.contains("\"shots\""))
        let build = try await run(alone, ["build", "film.fountain"], in: directory)
        #expect(build.status == 70)
        #expect(build.stderr.contains("animatic-media, which does this command's media work, is not beside"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("film.mp4").path))
    }

    #if os(Linux)
    @Test(arguments: ["animatic", "animatic-commands"])
    func launcherAndFrontEndLinkNeitherFFmpegNorESpeak(program: String) async throws {
        let path = CommandRunner.executable.deletingLastPathComponent().appendingPathComponent(program).path
        let ldd = try await run(URL(fileURLWithPath: "/usr/bin/ldd"), [path], in: Self.packageRoot)
        #expect(ldd.status == 0)
        #expect(ldd.stdout.contains("libc.so"))
        for library in ["libavcodec", "libavformat", "libavfilter", "libswscale", "libespeak"] {
            #expect(!ldd.stdout.contains(library), "\(library) is linked")
        }
    }
    #endif
}

import Foundation
import Project
import QuickCommands
import Testing
import TestSupport

/// The `animatic` launcher: `check FILE` run without Foundation when nothing beside the
/// script changes it, the same bytes and status as the front end's; everything else handed
/// to `animatic-commands`.
@Suite("animatic launcher")
struct LauncherTests {
    static let script = "INT. HOUSE - DAY\n\n[[shot: CUU Anna; move: wobble]]\nAnna opens the door.\n\nANNA\nHello.\n"

    /// Runs `program arguments` in `directory` with `stdin`.
    private func run(_ program: URL, _ arguments: [String], in directory: URL, stdin: Data? = nil) async throws -> ProgramOutput {
        var program = Program(program, arguments)
        program.directory = directory
        program.stdin = stdin
        return try await program.run()
    }

    /// The launcher's answer and the front end's, which must be the same.
    private func both(_ arguments: [String], in directory: URL, stdin: Data? = nil) async throws -> (ProgramOutput, ProgramOutput) {
        (try await run(CommandRunner.executable, arguments, in: directory, stdin: stdin),
         try await run(CommandRunner.frontEnd, arguments, in: directory, stdin: stdin))
    }

    #if os(Linux)
    /// The launcher links no Foundation, not even FoundationEssentials: neither their shared
    /// libraries (a debug build links them dynamically) nor any symbol of their modules
    /// (mangled `10Foundation`, `20FoundationEssentials`). Fails when a module the launcher
    /// links imports either, or gains resources (whose accessor uses `Bundle`).
    @Test func theLauncherLinksNoFoundation() async throws {
        let path = CommandRunner.executable.path
        let ldd = try await run(URL(fileURLWithPath: "/usr/bin/ldd"), [path], in: CommandRunner.executable.deletingLastPathComponent())
        #expect(ldd.status == 0 && ldd.stdout.contains("libswiftCore"), "\(ldd.stderr)")
        for library in ["libFoundation", "lib_FoundationICU"] {
            #expect(!ldd.stdout.contains(library), "\(library) is linked")
        }
        let nm = try await run(URL(fileURLWithPath: "/usr/bin/env"), ["nm", path], in: CommandRunner.executable.deletingLastPathComponent())
        #expect(nm.status == 0 && nm.stdout.contains("13QuickCommands"), "\(nm.stderr)")
        let foundation = nm.stdout.split(separator: "\n").filter { $0.contains(/(^|[^0-9])(10Foundation|20FoundationEssentials)/) }
        #expect(foundation.isEmpty, "\(foundation.prefix(5))")
        // The front end, for contrast, does link it: the test looks where Foundation would be.
        let frontEnd = try await run(URL(fileURLWithPath: "/usr/bin/ldd"), [CommandRunner.frontEnd.path], in: CommandRunner.executable.deletingLastPathComponent())
        #expect(frontEnd.stdout.contains("libFoundation.so"))
    }
    #endif

    /// The launcher's own checks and its hand-overs print what the front end prints: a
    /// script with a warning, one with an error, standard input, a missing file, a folder,
    /// and scripts with a project file, a review file, or a `..` in the path beside them.
    @Test func checkPrintsWhatTheFrontEndPrints() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let project = directory.appendingPathComponent("project")
        let plain = directory.appendingPathComponent("plain")
        for folder in [project, plain] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        try Data(Self.script.utf8).write(to: plain.appendingPathComponent("film.fountain"))
        try Data("Title: Notes only\n\n= a synopsis\n".utf8).write(to: plain.appendingPathComponent("empty.fountain"))
        try Data(Self.script.utf8).write(to: project.appendingPathComponent("film.fountain"))
        try Data("fps: 25\nstyle: ink wash\n".utf8).write(to: project.appendingPathComponent("animatic.yaml"))
        try Data(Self.script.utf8).write(to: project.appendingPathComponent("reviewed.fountain"))
        try Data("shots:\n  9Z:\n    revise:\n      size: CU\n".utf8).write(to: project.appendingPathComponent("reviewed.review.yaml"))
        let cases: [[String]] = [
            ["check", "plain/film.fountain"], ["check", "plain/empty.fountain"], ["check", "plain/missing.fountain"],
            ["check", "plain"], ["check", "project/film.fountain"], ["check", "project/reviewed.fountain"],
            ["check", "project/../plain/film.fountain"], ["check", "./plain/film.fountain"],
        ]
        for arguments in cases {
            let (launcher, frontEnd) = try await both(arguments, in: directory)
            #expect(launcher.status == frontEnd.status && launcher.stdout == frontEnd.stdout && launcher.stderr == frontEnd.stderr,
                    "\(arguments): \(launcher.status) \(launcher.stderr) vs \(frontEnd.status) \(frontEnd.stderr)")
        }
        let (launcher, frontEnd) = try await both(["check", "-"], in: directory, stdin: Data(Self.script.utf8))
        #expect(launcher.status == 0 && launcher.stderr.contains("<stdin>:3:"))
        #expect(launcher.status == frontEnd.status && launcher.stderr == frontEnd.stderr)
        let plainCheck = try await run(CommandRunner.executable, ["check", "plain/film.fountain"], in: directory)
        #expect(plainCheck.stderr.contains("plain/film.fountain:3:") && plainCheck.stderr.contains("wobble"))
        let empty = try await run(CommandRunner.executable, ["check", "plain/empty.fountain"], in: directory)
        #expect(empty.status == 65 && empty.stderr.contains("nothing to film"))
    }

    /// Standard input that cannot be read (closed, or a folder) is an error with its exit
    /// status from both programs: the launcher took it for an empty script (65, "the script
    /// is empty"), while the front end trapped in `readDataToEndOfFile`.
    @Test(arguments: ["<&-", "< /"])
    func unreadableStandardInput(redirection: String) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var answers: [ProgramOutput] = []
        for program in [CommandRunner.executable, CommandRunner.frontEnd] {
            answers.append(try await run(URL(fileURLWithPath: "/bin/sh"),
                                         ["-c", "exec \"$0\" check - \(redirection)", program.path], in: directory))
        }
        for answer in answers {
            #expect(answer.status == 66 && answer.stderr == "animatic: error: standard input cannot be read\n",
                    "\(answer.status) \(answer.stderr)")
        }
    }

    /// The launcher runs `check FILE` itself only when it can: without the front end beside
    /// it, a plain script is still checked, while a script with a project file, and every
    /// other command, say the front end is missing.
    @Test func theLauncherChecksAlone() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let alone = directory.appendingPathComponent("animatic")
        try FileManager.default.copyItem(at: CommandRunner.executable, to: alone)
        let work = directory.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try Data(Self.script.utf8).write(to: work.appendingPathComponent("film.fountain"))
        let checked = try await run(alone, ["check", "film.fountain"], in: work)
        #expect(checked.status == 0 && checked.stderr.contains("wobble"))
        for arguments in [["--version"], ["check", "--", "film.fountain"], ["plan", "film.fountain"]] {
            let handed = try await run(alone, arguments, in: work)
            #expect(handed.status == 70 && handed.stderr.contains("animatic-commands, which runs this command, is not beside"), "\(arguments)")
        }
        try Data("fps: 25\n".utf8).write(to: work.appendingPathComponent("animatic.toml"))
        #expect(try await run(alone, ["check", "film.fountain"], in: work).status == 70)
    }

    /// `--help`, `--version` and a usage error are the front end's, through the launcher.
    @Test func otherCommandLinesAreTheFrontEnds() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for arguments in [["--help"], ["--version"], ["biuld"], ["check", "--help"]] {
            let (launcher, frontEnd) = try await both(arguments, in: directory)
            #expect(launcher.status == frontEnd.status && launcher.stdout == frontEnd.stdout && launcher.stderr == frontEnd.stderr,
                    "\(arguments)")
        }
    }

    /// The launcher looks for the files the front end reads: the project file's names, and
    /// the review file's name for a script (nil, and so a hand-over, where Foundation's
    /// rules for an extension might differ from the launcher's plain ones).
    @Test func sideFilesAreTheOnesTheFrontEndReads() {
        #expect(SideFiles.projectNames == ProjectFile.names)
        for name in ["film.fountain", "x", "Big-Fish.fountain", "a.b.fountain", "电影.fountain", "with space.fountain", "film.FOUNTAIN", "film.txt", "f.2"] {
            #expect(SideFiles.reviewName(forScript: name) == ReviewFile.defaultName(forScript: name), "\(name)")
        }
        for name in [".fountain", "film.", "film..fountain", "film.foo bar", "film.é", ""] {
            #expect(SideFiles.reviewName(forScript: name) == nil, "\(name)")
        }
    }
}

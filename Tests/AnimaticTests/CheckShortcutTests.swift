import AnimaticCommands
import Foundation
import Planning
import Project
import QuickCommands
import Testing
import TestSupport

/// `animatic check FILE`, no option given, is run without the argument parser (`QuickCheck`):
/// it must be the very command the parser makes of the same line.
@Suite("animatic check FILE without the argument parser")
struct CheckShortcutTests {
    static let script = "INT. HOUSE - DAY\n\n[[shot: CUU Anna; move: wobble]]\nAnna opens the door.\n\nANNA\nHello.\n"

    @Test func onlyCheckAndOneFileTakeTheShortcut() {
        #expect(QuickCheck.file(in: ["check", "film.fountain"]) == "film.fountain")
        #expect(QuickCheck.file(in: ["check", "-"]) == "-")
        #expect(QuickCheck.file(in: ["check", "help"]) == "help", "the parser reads it as the file too")
        for arguments in [["check"], ["check", "--no-config"], ["check", "-h"], ["check", "--", "film.fountain"],
                          ["check", "film.fountain", "--compliance"], ["plan", "film.fountain"], ["film.fountain"]] {
            #expect(QuickCheck.file(in: arguments) == nil, "\(arguments)")
        }
    }

    @Test func theShortcutIsTheParsersCheckCommand() {
        #expect(CheckCommand.configuration.commandName == QuickCheck.command)
    }

    /// The launcher plans with `QuickCheck.configuration` when no project file is beside the
    /// script: what the front end's settings give then.
    @Test func theLauncherPlansAsTheFrontEndWithoutAProjectFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("film.fountain")
        try Data(Self.script.utf8).write(to: script)
        let input = try ScriptInput.read(script.path)
        let planning = try OptionsLeftOut().planning(for: input)
        #expect(planning.projectURL == nil)
        #expect(planning.configuration == QuickCheck.configuration)
    }

    @Test func theParserLeavesTheSameOptionsOut() throws {
        let command = try CheckCommand.parse(["film.fountain"])
        let left = OptionsLeftOut()
        #expect(command.file == "film.fountain" && !command.compliance)
        #expect(command.options.backendFlag == left.backendFlag)
        #expect(command.options.config == left.config && command.options.noConfig == left.noConfig)
        #expect(command.options.review == left.review)
        #expect(try command.options.flagSettings() == left.flagSettings())
    }

    /// With a project file and a review file beside the script, `check FILE` and the parser's
    /// `check -- FILE` print and exit alike.
    @Test func theShortcutPrintsWhatTheParsersCommandPrints() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.script.utf8).write(to: directory.appendingPathComponent("film.fountain"))
        try Data("fps: 25\nstyle: ink wash\n".utf8).write(to: directory.appendingPathComponent("animatic.yaml"))
        try Data("shots:\n  9Z:\n    revise:\n      size: CU\n".utf8).write(to: directory.appendingPathComponent("film.review.yaml"))
        let quick = try await CommandRunner.run(["check", "film.fountain"], in: directory)
        let parsed = try await CommandRunner.run(["check", "--", "film.fountain"], in: directory)
        #expect(quick.stderr.contains("warning: unknown camera move 'wobble'"))
        #expect(quick.stderr.contains("9Z"), "the review file's stale entry")
        #expect(quick.status == parsed.status && quick.stdout == parsed.stdout && quick.stderr == parsed.stderr)
        try Data("fps: fast\n".utf8).write(to: directory.appendingPathComponent("animatic.yaml"))
        let badProject = try await CommandRunner.run(["check", "film.fountain"], in: directory)
        #expect(badProject.status == 65 && badProject.stderr.contains("animatic.yaml:1:6: error:"))
    }

    /// A project file naming a remote backend hands the shortcut's check to the media helper,
    /// as it does the parser's: without the helper beside it, the front end says so.
    @Test func aRemoteBackendInTheProjectFileHandsOver() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let alone = try CommandRunner.copyWithoutMediaHelper(to: directory)
        try Data(Self.script.utf8).write(to: directory.appendingPathComponent("film.fountain"))
        try Data("backend:\n  kind: dashscope\n".utf8).write(to: directory.appendingPathComponent("animatic.yaml"))
        var program = Program(alone, ["check", "film.fountain"])
        program.directory = directory
        let output = try await program.run()
        #expect(output.status == 70)
        #expect(output.stderr.contains("animatic-media, which does this command's media work, is not beside"))
    }
}

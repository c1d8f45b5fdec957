import Foundation
import Testing
import TestSupport

/// The runner every test target uses for programs: what it passes in, what it captures, and
/// that it stops a program that runs too long.
@Suite("running a program")
struct ProgramTests {
    @Test func bothStreamsAreReadAtOnceSoAProgramFillingEitherPipeEnds() async throws {
        // More than a pipe holds on each stream, standard error first: a runner that read
        // standard output to its end before standard error would wait forever.
        let bytes = 300_000
        var program = Program(onPath: "sh", ["-c", "head -c \(bytes) /dev/zero >&2; head -c \(bytes) /dev/zero"])
        program.timeout = .seconds(120)
        let output = try await program.run()
        #expect(output.status == 0 && !output.timedOut)
        #expect(output.stdoutData.count == bytes && output.stderrData.count == bytes)
    }

    @Test func standardInputEnvironmentAndDirectoryReachTheProgram() async throws {
        let directory = try Scratch()
        var program = Program(onPath: "sh", ["-c", "cat; echo \"$ANIMATIC_PROGRAM_TEST\"; pwd -P; echo oops >&2; exit 3"])
        program.stdin = Data("from the test\n".utf8)
        program.environment = ["ANIMATIC_PROGRAM_TEST": "set"]
        program.directory = directory.url
        let output = try await program.run()
        let real = directory.url.resolvingSymlinksInPath().path
        #expect(output.stdout == "from the test\nset\n\(real)\n")
        #expect(output.stderr == "oops\n")
        #expect(output.status == 3 && !output.signalled)
        await #expect(throws: ProgramFailure.self) { try await program.output() }
    }

    @Test func aProgramPastItsTimeoutIsKilledAndSaysSo() async throws {
        // Killed, not ended: `sleep` would exit 0 after ten minutes (no clock is read here,
        // so a loaded machine cannot fail the test).
        var program = Program(onPath: "sleep", ["600"])
        program.timeout = .milliseconds(200)
        let output = try await program.run()
        #expect(output.timedOut && output.signalled && output.status == SIGKILL)
    }

    @Test func discardedStreamsAreNotCaptured() async throws {
        var program = Program(onPath: "sh", ["-c", "echo out; echo err >&2"])
        program.stdout = .discard
        program.stderr = .discard
        let output = try await program.run()
        #expect(output.status == 0 && output.stdoutData.isEmpty && output.stderrData.isEmpty)
    }
}

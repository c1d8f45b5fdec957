import Foundation
import TestSupport

/// Runs the built `animatic` program, as a user or `make` would.
enum CommandRunner {
    typealias Output = ProgramOutput

    /// The `animatic` executable next to the test bundle.
    static var executable: URL {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("animatic")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return directory.appendingPathComponent("animatic")
    }

    /// The `animatic-commands` front end beside it, which the `animatic` launcher runs for
    /// every command line it does not run itself.
    static var frontEnd: URL { executable.deletingLastPathComponent().appendingPathComponent("animatic-commands") }

    /// Copies the launcher and the front end, without the media helper, into `directory`;
    /// returns the copied launcher.
    static func copyWithoutMediaHelper(to directory: URL) throws -> URL {
        for program in [executable, frontEnd] {
            try FileManager.default.copyItem(at: program, to: directory.appendingPathComponent(program.lastPathComponent))
        }
        return directory.appendingPathComponent(executable.lastPathComponent)
    }

    /// Runs `animatic arguments` in `directory`, with this process's environment plus
    /// `environment`, on a thread of its own (`Program.run`).
    static func run(
        _ arguments: [String], stdin: Data? = nil, in directory: URL? = nil, environment: [String: String] = [:]
    ) async throws -> ProgramOutput {
        var program = Program(executable, arguments)
        program.stdin = stdin
        program.directory = directory
        program.environment = environment
        return try await program.run()
    }
}

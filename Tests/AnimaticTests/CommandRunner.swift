import Foundation
import TestSupport

/// Runs the built `animatic` program, as a user or `make` would.
struct CommandRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

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

    /// Runs `animatic arguments` in `directory`, with this process's environment plus `environment`.
    static func run(
        _ arguments: [String], stdin: Data? = nil, in directory: URL? = nil, environment: [String: String] = [:]
    ) throws -> Output {
        let result = try Program.run(executable, arguments, stdin: stdin, in: directory, environment: environment)
        return Output(status: result.status, stdout: result.stdoutText, stderr: result.stderrText)
    }
}

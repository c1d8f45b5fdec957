import Foundation

/// What a program printed, and how it exited.
public struct ProgramOutput: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: Data

    /// Standard output as UTF-8 text.
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    /// Standard error as UTF-8 text.
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs programs for tests: the program under test, and independent checks (ffmpeg, ffprobe).
public enum Program {
    /// Runs `executable` with `arguments` in `directory`, with this process's environment
    /// plus `environment`, `stdin` as its input (else none), and waits for it. Both output
    /// streams go to files, so that a program writing much to one never blocks on the other.
    public static func run(
        _ executable: URL, _ arguments: [String], stdin: Data? = nil, in directory: URL? = nil,
        environment: [String: String] = [:]
    ) throws -> ProgramOutput {
        let streams = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: streams) }
        let outputFile = streams.appendingPathComponent("out"), errorFile = streams.appendingPathComponent("err")
        for file in [outputFile, errorFile] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let output = try FileHandle(forWritingTo: outputFile), errors = try FileHandle(forWritingTo: errorFile)
        defer {
            try? output.close()
            try? errors.close()
        }
        process.standardOutput = output
        process.standardError = errors
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        return ProgramOutput(
            status: process.terminationStatus, stdout: try Data(contentsOf: outputFile), stderr: try Data(contentsOf: errorFile))
    }

    /// Runs `program`, found on PATH, as `run` does.
    public static func run(_ program: String, _ arguments: [String], in directory: URL? = nil) throws -> ProgramOutput {
        try run(URL(fileURLWithPath: "/usr/bin/env"), [program] + arguments, in: directory)
    }
}

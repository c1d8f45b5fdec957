import Foundation

/// A prompt reviser that runs a local program (`--reviser command:'…'`): the request as
/// JSON on its standard input, the revised prompt on its standard output. A program that
/// exits non-zero fails with the end of what it wrote to its standard error.
public struct CommandReviser: PromptReviser {
    /// The program (a name on `PATH` or a path) and its arguments.
    public var arguments: [String]
    /// Where its input, output and error log are written while it runs.
    public var scratchDirectory: URL

    /// A reviser running `command`, split like shell words.
    /// - Throws: a permanent `BackendError` when it names no program or ends inside a quote.
    public init(command: String, scratchDirectory: URL = FileManager.default.temporaryDirectory) throws(BackendError) {
        arguments = try CommandTemplate.words(command)
        guard !arguments.isEmpty else {
            throw BackendError(backend: "command", operation: "read the reviser command",
                               failure: .invalidConfiguration("the reviser command names no program"), isPermanent: true)
        }
        self.scratchDirectory = scratchDirectory
    }

    /// `command`.
    public var name: String { "command" }

    public func revise(_ request: RevisionRequest) async throws -> String {
        let operation = "revise \(request.shot) with \(arguments[0])"
        let base = scratchDirectory.appendingPathComponent("animatic-reviser-\(UUID().uuidString)")
        let input = base.appendingPathExtension("json"), output = base.appendingPathExtension("out")
        let log = base.appendingPathExtension("log")
        defer { for file in [input, output, log] { try? FileManager.default.removeItem(at: file) } }
        let outcome: ProcessOutcome
        do {
            try request.json.write(to: input)
            outcome = try await runProcess(
                executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: arguments, workingDirectory: nil,
                environment: nil, log: log, input: input, output: output)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw BackendError(backend: name, operation: operation, failure: .launch("\(error)"), isPermanent: true)
        }
        guard outcome.status == 0, !outcome.bySignal else {
            throw BackendError(
                backend: name, operation: operation,
                failure: .processExited(status: outcome.status, bySignal: outcome.bySignal, log: outcome.logTail),
                isPermanent: true)
        }
        let answer = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
        return try checked(answer, operation: operation)
    }
}

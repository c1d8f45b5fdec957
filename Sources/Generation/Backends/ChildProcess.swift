import Foundation

/// How a program run ended.
struct ProcessOutcome: Sendable {
    /// The exit status, or the signal that killed it.
    var status: Int32
    /// Whether `status` is a signal.
    var bySignal: Bool
    /// The last lines the program wrote to its standard output and error.
    var logTail: String
}

/// Runs a program without a shell, its output going to a log file, and waits for it to
/// end. Cancelling the waiting task sends SIGTERM to the program's process group, then
/// SIGKILL after `gracePeriod`, waits for it to end, and throws `CancellationError`.
///
/// The grace is short because it is often in vain: a child inherits the signal mask of the
/// thread that spawns it, and the threads async code runs on block SIGTERM, so only the
/// SIGKILL is sure to end it.
///
/// With `input`, the program reads that file as its standard input; with `output`, its
/// standard output goes there and only its error to the log.
func runProcess(
    executable: URL, arguments: [String], workingDirectory: URL?, environment: [String: String]?, log: URL,
    input: URL? = nil, output: URL? = nil, gracePeriod: Duration = .seconds(1)
) async throws -> ProcessOutcome {
    guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: log.path])
    }
    let handle = try FileHandle(forWritingTo: log)
    defer { try? handle.close() }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let workingDirectory { process.currentDirectoryURL = workingDirectory }
    if let environment { process.environment = environment }
    let inputHandle = try input.map { try FileHandle(forReadingFrom: $0) }
    defer { try? inputHandle?.close() }
    let outputHandle = try output.map { url in
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        return try FileHandle(forWritingTo: url)
    }
    defer { try? outputHandle?.close() }
    process.standardInput = inputHandle ?? FileHandle.nullDevice
    process.standardOutput = outputHandle ?? handle
    process.standardError = handle
    let control = ProcessControl(process: process, gracePeriod: gracePeriod)
    let (status, bySignal) = try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Int32, Bool), any Error>) in
            process.terminationHandler = { ended in
                continuation.resume(returning: (ended.terminationStatus, ended.terminationReason == .uncaughtSignal))
            }
            do {
                try control.launch()
            } catch {
                continuation.resume(throwing: error)
            }
        }
    } onCancel: {
        control.stop()
    }
    if control.wasStopped { throw CancellationError() }
    return ProcessOutcome(status: status, bySignal: bySignal, logTail: tail(of: log))
}

/// The last 20 lines (at most 2,000 bytes) of a log, one line, `; `-separated.
func tail(of log: URL) -> String {
    guard let handle = try? FileHandle(forReadingFrom: log) else { return "" }
    defer { try? handle.close() }
    let size = (try? handle.seekToEnd()) ?? 0
    try? handle.seek(toOffset: size > 2000 ? size - 2000 : 0)
    let text = String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    return text.split(whereSeparator: \.isNewline).suffix(20).joined(separator: "; ")
}

/// Starts a process and stops it, whichever order launch and cancellation come in.
private final class ProcessControl: @unchecked Sendable {
    private let process: Process
    private let gracePeriod: Duration
    private let lock = NSLock()
    private var launched = false
    private var stopped = false

    init(process: Process, gracePeriod: Duration) {
        self.process = process
        self.gracePeriod = gracePeriod
    }

    var wasStopped: Bool { lock.withLock { stopped } }

    func launch() throws {
        try lock.withLock {
            guard !stopped else { throw CancellationError() }
            try process.run()
            launched = true
        }
    }

    func stop() {
        let pid: Int32? = lock.withLock {
            stopped = true
            return launched ? process.processIdentifier : nil
        }
        guard let pid else { return }
        signalGroup(pid, SIGTERM)
        let grace = gracePeriod
        Task.detached {
            try? await Task.sleep(for: grace)
            signalGroup(pid, SIGKILL)
        }
    }
}

/// Sends `signal` to the process group led by `pid` (Foundation starts a child in a group
/// of its own on Linux), or to `pid` alone where it leads none.
func signalGroup(_ pid: Int32, _ signal: Int32) {
    if kill(-pid, signal) != 0 { kill(pid, signal) }
}

/// The executable for `program`: a path as given (relative to `workingDirectory`), or the
/// first match on the `PATH` of `environment` (this process's when nil); nil when none is
/// an executable file.
func executableURL(_ program: String, workingDirectory: URL?, environment: [String: String]?) -> URL? {
    let manager = FileManager.default
    if program.contains("/") {
        let url = URL(fileURLWithPath: program, relativeTo: workingDirectory).standardizedFileURL
        return manager.isExecutableFile(atPath: url.path) ? url : nil
    }
    let path = (environment ?? ProcessInfo.processInfo.environment)["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
        let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(program)
        if manager.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
}

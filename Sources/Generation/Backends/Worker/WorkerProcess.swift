import Foundation

/// One running hot worker: a long-lived program that loaded its model once and makes one
/// clip at a time from request lines on its standard input (docs/worker-protocol.md).
/// Its standard error is appended to a log; its standard output is the protocol.
///
/// Closing its standard input asks it to exit (the protocol's end of work); `kill` ends
/// its whole process group, SIGTERM then SIGKILL.
final class WorkerProcess: @unchecked Sendable {
    /// How the worker was started, for messages: `worker 2 (pid 4711)`.
    let name: String
    /// Its log file (standard error).
    let log: URL
    /// What it said it makes.
    private(set) var ready = WorkerReady(maxFrames: 1, fps: 1, sizes: [])
    private let process: Process
    private let input: FileHandle
    private let output: LineQueue
    private let lock = NSLock()
    private var killed = false

    /// Starts `executable` with `arguments` and waits for its ready line.
    /// - Throws: `BackendError`: a program that cannot start (permanent), one that exits
    ///   before it is ready (permanent unless killed by a signal or out of memory), or a
    ///   first line that is not a ready line for protocol 1 (permanent); `CancellationError`
    ///   when cancelled while it loads (it is killed).
    static func start(
        index: Int, executable: URL, arguments: [String], workingDirectory: URL?, environment: [String: String],
        log: URL, backend: String
    ) async throws -> WorkerProcess {
        let operation = "start worker \(index)"
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        let logHandle: FileHandle
        do {
            try FileManager.default.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: log.path) {
                _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            }
            logHandle = try FileHandle(forWritingTo: log)
            try logHandle.seekToEnd()
            logHandle.write(Data("--- worker \(index) starting \(Date()) ---\n".utf8))
            process.standardError = logHandle
            try process.run()
        } catch {
            throw BackendError(backend: backend, operation: operation, failure: .launch("\(error)"), isPermanent: true)
        }
        try? logHandle.close()
        let worker = WorkerProcess(
            name: "worker \(index) (pid \(process.processIdentifier))", log: log, process: process,
            input: stdin.fileHandleForWriting, output: LineQueue(reading: stdout.fileHandleForReading.fileDescriptor))
        try await worker.awaitReady(operation: operation, backend: backend)
        return worker
    }

    private init(name: String, log: URL, process: Process, input: FileHandle, output: LineQueue) {
        self.name = name
        self.log = log
        self.process = process
        self.input = input
        self.output = output
    }

    deinit {
        // The protocol's goodbye: end of input. A worker that is mid-request is killed by
        // whoever cancelled it; an idle one exits on its own.
        try? input.close()
    }

    private func awaitReady(operation: String, backend: String) async throws {
        let line = await withTaskCancellationHandler { await output.next() } onCancel: { kill() }
        if wasKilled { throw CancellationError() }
        guard let line else { throw await exitError(operation: operation, backend: backend, before: "it was ready") }
        do {
            guard case let .ready(ready, version) = try WorkerReply.parse(line) else {
                throw WorkerProtocolError("the first line is not {\"event\":\"ready\",…}: \(line.prefix(200))")
            }
            guard version == WorkerProtocol.version else {
                throw WorkerProtocolError("it speaks protocol \(version); this build speaks \(WorkerProtocol.version)")
            }
            self.ready = ready
        } catch let error as WorkerProtocolError {
            kill()
            throw BackendError(
                backend: backend, operation: operation, failure: .protocolViolation(error.description), isPermanent: true)
        }
    }

    /// Whether `kill` was called.
    var wasKilled: Bool { lock.withLock { killed } }

    /// Sends one request line. False when the worker is gone (its input is closed).
    ///
    /// A write to a pipe nobody reads raises SIGPIPE, which would end animatic: the signal
    /// is blocked on this thread for the write and a pending one taken back, rather than
    /// ignored process-wide (an ignored SIGPIPE is inherited by every program the build
    /// starts afterwards).
    func send(_ request: WorkerRequest) -> Bool {
        var pipeSignal = sigset_t(), previous = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let bytes = [UInt8](request.line)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(input.fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                if errno == EPIPE {
                    var none = timespec(tv_sec: 0, tv_nsec: 0)
                    _ = sigtimedwait(&pipeSignal, nil, &none)
                }
                return false
            }
            written += count
        }
        return true
    }

    /// The next line it writes; nil once its output is closed.
    func nextLine() async -> String? { await output.next() }

    /// Ends the worker's process group: SIGTERM, then SIGKILL a second later.
    func kill() {
        lock.withLock { killed = true }
        let pid = process.processIdentifier
        guard pid > 0 else { return }
        signalGroup(pid, SIGTERM)
        Task.detached {
            try? await Task.sleep(for: .seconds(1))
            signalGroup(pid, SIGKILL)
        }
    }

    /// The error for a worker whose output closed `before` something: how it exited (waited
    /// for, at most 5 s) and the end of its log. Transient when it `crashed` serving a
    /// request, was killed by a signal or ran out of memory (a retry starts it again);
    /// permanent when it could not even get ready otherwise (a bad flag, no weights).
    func exitError(operation: String, backend: String, before: String, crashed: Bool = false) async -> BackendError {
        for _ in 0..<500 where process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        if process.isRunning { kill() }
        let running = process.isRunning
        let status = running ? SIGKILL : process.terminationStatus
        let bySignal = running || process.terminationReason == .uncaughtSignal
        let logTail = tail(of: log)
        return BackendError(
            backend: backend, operation: operation,
            failure: .processExited(status: status, bySignal: bySignal, log: "\(name) ended before \(before); \(logTail)"),
            isPermanent: !crashed && !bySignal && !CommandGenerator.looksOutOfMemory(logTail))
    }
}

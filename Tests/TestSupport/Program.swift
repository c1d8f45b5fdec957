import Foundation

/// A program for a test to run: the built `animatic`, a tool on PATH (`ffprobe`, `python3`),
/// a script. `run()` waits for it on a thread of its own, never on the few threads of the
/// cooperative pool: a test blocked there starves the async tests running beside it (the
/// timing tests, lock waits and cancellations, then fail under load).
public struct Program: Sendable {
    /// Where each of the program's output streams goes.
    public enum Destination: Sendable {
        /// Kept, in `ProgramOutput`.
        case capture
        /// The null device.
        case discard
    }

    public var executable: URL
    public var arguments: [String]
    /// Added to this process's environment (and replacing what it names).
    public var environment: [String: String] = [:]
    /// The working directory; this process's when nil.
    public var directory: URL? = nil
    /// Written to the program's standard input, which is then closed; an empty one when nil.
    public var stdin: Data? = nil
    public var stdout: Destination = .capture
    public var stderr: Destination = .capture
    /// How long the program may run before it is killed (and `timedOut` is set).
    public var timeout: Duration = .seconds(600)

    /// `executable` with `arguments`.
    public init(_ executable: URL, _ arguments: [String] = []) {
        self.executable = executable
        self.arguments = arguments
    }

    /// `name`, found on PATH (through `/usr/bin/env`), with `arguments`.
    public init(onPath name: String, _ arguments: [String] = []) {
        self.init(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments)
    }

    /// The command line, for messages: `ffprobe -v error …`.
    public var commandLine: String {
        (executable.path == "/usr/bin/env" ? arguments : [executable.path] + arguments).joined(separator: " ")
    }

    /// Runs the program to its end and returns what it printed and how it ended. At most
    /// one program a core runs at once (`ProgramSlots`); the others wait without holding a thread.
    /// - Throws: when it cannot be started.
    public func run() async throws -> ProgramOutput {
        await ProgramSlots.shared.acquire()
        do {
            let output = try await runOnOwnThread()
            await ProgramSlots.shared.release()
            return output
        } catch {
            await ProgramSlots.shared.release()
            throw error
        }
    }

    private func runOnOwnThread() async throws -> ProgramOutput {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try runHere() }) }
            thread.name = "test program \(executable.lastPathComponent)"
            thread.start()
        }
    }

    /// Runs the program and returns its standard output; throws unless it exits 0.
    @discardableResult
    public func output() async throws -> Data {
        let output = try await run()
        guard output.status == 0, !output.signalled else { throw ProgramFailure(commandLine: commandLine, output: output) }
        return output.stdoutData
    }

    /// Starts the program, reads its streams to their ends and waits for it, blocking this thread.
    private func runHere() throws -> ProgramOutput {
        let process = try start()
        let ended = Locked(false)
        let deadline = DispatchWorkItem {
            guard process.isRunning else { return }
            ended.set(true)
            kill(process.processIdentifier, SIGKILL)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout.timeInterval, execute: deadline)
        defer { deadline.cancel() }
        // Both streams are read at once, and the input written beside them: a program that
        // fills one pipe while the test waits on the other would never end.
        let group = DispatchGroup()
        let stdoutData = Locked(Data()), stderrData = Locked(Data())
        if let pipe = process.standardOutput as? Pipe {
            DispatchQueue.global().async(group: group) { stdoutData.set(pipe.fileHandleForReading.readDataToEndOfFile()) }
        }
        if let pipe = process.standardError as? Pipe {
            DispatchQueue.global().async(group: group) { stderrData.set(pipe.fileHandleForReading.readDataToEndOfFile()) }
        }
        if let pipe = process.standardInput as? Pipe {
            let input = stdin ?? Data()
            DispatchQueue.global().async(group: group) {
                try? pipe.fileHandleForWriting.write(contentsOf: input)
                try? pipe.fileHandleForWriting.close()
            }
        }
        process.waitUntilExit()
        group.wait()
        return ProgramOutput(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            timedOut: ended.value, stdoutData: stdoutData.value, stderrData: stderrData.value)
    }

    /// The process, started. A program file written a moment ago can be busy (`ETXTBSY`)
    /// while another thread's fork still holds it open for writing: it is tried again.
    private func start() throws -> Process {
        var attempt = 0
        while true {
            attempt += 1
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            if let directory { process.currentDirectoryURL = directory }
            if !environment.isEmpty {
                process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            }
            process.standardInput = Pipe()
            process.standardOutput = stdout == .capture ? Pipe() : FileHandle.nullDevice
            process.standardError = stderr == .capture ? Pipe() : FileHandle.nullDevice
            do {
                try process.run()
                return process
            } catch let error as NSError
                where attempt < 50 && (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.code == Int(ETXTBSY) {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }
}

/// What a program printed and how it ended.
public struct ProgramOutput: Sendable {
    /// The exit status, or the signal's number when `signalled`.
    public var status: Int32
    /// Whether a signal ended it.
    public var signalled: Bool
    /// Whether it was killed for running past its timeout.
    public var timedOut: Bool
    public var stdoutData: Data
    public var stderrData: Data

    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    public var stderr: String { String(decoding: stderrData, as: UTF8.self) }
}

/// A program that did not exit 0.
public struct ProgramFailure: Error, CustomStringConvertible {
    public var commandLine: String
    public var output: ProgramOutput

    public var description: String {
        let ending = output.timedOut ? "timed out" : output.signalled ? "was killed by signal \(output.status)" : "exited \(output.status)"
        return "\(commandLine) \(ending): \(output.stderr)"
    }
}

/// How many of the tests' programs may run at once: one a core. Waiting on the cooperative
/// pool's threads used to bound them (and starve every async test); without a bound, every
/// suite's builds run at once and the tests with time limits miss them on a loaded machine.
private actor ProgramSlots {
    static let shared = ProgramSlots(max(2, ProcessInfo.processInfo.activeProcessorCount))

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { free = count }

    func acquire() async {
        guard free == 0 else {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

/// A value set on one thread (a stream's reader, the timeout) and read once the program ends.
private final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }
    func set(_ value: Value) { lock.withLock { stored = value } }
    var value: Value { lock.withLock { stored } }
}

extension Duration {
    /// The duration in seconds.
    fileprivate var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}

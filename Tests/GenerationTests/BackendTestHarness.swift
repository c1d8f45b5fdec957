import Foundation
import Testing

@testable import Generation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// This directory, where the test servers and the fake `generate.py` live.
let backendTestsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// A real 1 s MP4, 320x180 at 16 fps (ffmpeg's testsrc), made once for every test.
let servedVideo: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("backend-tests-\(UUID().uuidString).mp4")
    _ = try? runProgram(
        "ffmpeg",
        [
            "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=16", "-t", "1", "-pix_fmt", "yuv420p",
            url.path,
        ])
    return url
}()

/// One of the Python test servers in `Servers/`, started on 127.0.0.1 with `config` (and
/// the served video); killed by `stop()`.
final class TestServer: @unchecked Sendable {
    let url: URL
    private let process = Process()

    /// Starts `script` and waits for its port on a dispatch thread, keeping the blocking
    /// read off the few threads that run the tests' async code.
    static func start(_ script: String, config: [String: Any] = [:]) async throws -> TestServer {
        let json = String(
            decoding: try JSONSerialization.data(withJSONObject: config.merging(["video": servedVideo.path]) { $1 }),
            as: UTF8.self)
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try TestServer(script, configJSON: json) })
            }
        }
    }

    /// Starts `script`; throws when it does not print its port.
    private init(_ script: String, configJSON json: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", backendTestsDirectory.appendingPathComponent("Servers/\(script)").path, json]
        process.standardInput = Pipe()
        process.standardOutput = output
        try process.run()
        // The server's first line is its port; a server that fails to start closes its output.
        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(script) did not start: \(text)"])
        }
        url = URL(string: "http://127.0.0.1:\(port)")!
    }

    /// The server's request counts (`GET /_stats`).
    func stats() async throws -> [String: Any] {
        let (data, _) = try await URLSession.shared.data(from: url.appendingPathComponent("_stats"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// A count from `stats()`, 0 when absent.
    func count(_ name: String) async throws -> Int {
        try await stats()[name] as? Int ?? 0
    }

    /// Kills the server (SIGKILL: children of async code inherit a mask that blocks SIGTERM).
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// Records the waits it is asked for and waits only `realWait`.
actor WaitRecorder {
    private(set) var waits: [Duration] = []

    func add(_ wait: Duration) { waits.append(wait) }

    nonisolated func sleeper(realWait: Duration = .milliseconds(5)) -> Sleeper {
        Sleeper { wait in
            await self.add(wait)
            try await Task.sleep(for: realWait)
        }
    }
}

/// `count` distinct requests (seeds 1…count) at `tinyFormat`, from the sample plan's first segment.
func backendRequests(_ count: Int) -> [GenerationRequest] {
    let base = GenerationRequest.all(in: plan(), format: tinyFormat)[0]
    return (1...count).map { index in
        var request = base
        request.segmentID = "S\(index)"
        request.content.seed = index
        return request
    }
}

/// Every file under `directory`, recursively.
func filesUnder(_ directory: URL) -> [URL] {
    let paths = FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []
    return paths.map { directory.appendingPathComponent($0) }.filter {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}

/// The error `body` throws, as a `BackendError`; a test failure when it throws another or none.
func backendError(_ body: () async throws -> Void) async -> BackendError? {
    do {
        try await body()
        Issue.record("expected a BackendError, got success")
    } catch let error as BackendError {
        return error
    } catch {
        Issue.record("expected a BackendError, got \(error)")
    }
    return nil
}

/// Lines collected from synchronous callbacks on any thread.
final class CollectedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }

    var all: [String] { lock.withLock { lines } }
}

/// Waits until `condition` holds, checking every 10 ms for at most 10 s; records an issue
/// when it never does.
func waitUntil(_ condition: () async throws -> Bool) async throws {
    for _ in 0..<1000 {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("the condition never held")
}

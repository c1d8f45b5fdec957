import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The Python servers that speak the DashScope and ComfyUI protocols over loopback.
let serversDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Servers")

/// A real 1 s MP4, 320x180 at 16 fps (ffmpeg's testsrc), made once for every test: what
/// the servers serve as a generated clip.
public let servedVideo: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("backend-tests-\(UUID().uuidString).mp4")
    let ffmpeg = Process()
    ffmpeg.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    ffmpeg.arguments = [
        "ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=16", "-t", "1",
        "-pix_fmt", "yuv420p", url.path,
    ]
    try? ffmpeg.run()
    ffmpeg.waitUntilExit()
    return url
}()

/// One of the Python test servers in `Servers/`, started on 127.0.0.1 with `config` (and
/// the served video); killed by `stop()`.
public final class TestServer: @unchecked Sendable {
    /// Where it listens: `http://127.0.0.1:PORT`.
    public let url: URL
    private let process = Process()

    /// Starts `script` (serving `servedVideo` unless `config` names a "video") and waits
    /// for its port on a dispatch thread, keeping the blocking read off the few threads
    /// that run the tests' async code.
    public static func start(_ script: String, config: [String: Any] = [:]) async throws -> TestServer {
        let json = String(
            decoding: try JSONSerialization.data(withJSONObject: config.merging(["video": servedVideo.path]) { given, _ in given }),
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
        process.arguments = ["python3", serversDirectory.appendingPathComponent(script).path, json]
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
    public func stats() async throws -> [String: Any] {
        let (data, _) = try await URLSession.shared.data(from: url.appendingPathComponent("_stats"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// A count from `stats()`, 0 when absent.
    public func count(_ name: String) async throws -> Int {
        try await stats()[name] as? Int ?? 0
    }

    /// Kills the server (SIGKILL: children of async code inherit a mask that blocks SIGTERM).
    public func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

import Foundation

/// The DashScope test server (`Tests/TestServers/Servers/dashscope_server.py`) on
/// 127.0.0.1, every task running `latency` seconds from its creation: a backend of fixed
/// latency that counts the tasks it runs at once.
final class LatencyServer: @unchecked Sendable {
    /// The API key the server accepts.
    static let key = "scheduler-bench-key"
    /// The server's directory, found from this file.
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Tests/TestServers/Servers").standardizedFileURL

    let url: URL
    private let process = Process()

    /// Starts the server serving `video`; fails the benchmark when it does not start.
    init(latency: Double, video: URL) throws {
        let config: [String: Any] = ["key": Self.key, "video": video.path, "task_seconds": latency]
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Self.scripts.appendingPathComponent("dashscope_server.py").path,
            String(decoding: try JSONSerialization.data(withJSONObject: config), as: UTF8.self),
        ]
        process.standardInput = Pipe()
        process.standardOutput = output
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            fail("the DashScope test server did not start: \(text)")
        }
        url = URL(string: "http://127.0.0.1:\(port)")!
    }

    /// What the server saw: the most tasks running at once, and the tasks created.
    func stats() throws -> (maxRunning: Int, tasks: Int) {
        let data = try Data(contentsOf: url.appendingPathComponent("_stats"))
        let stats = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return (stats["max_running"] as? Int ?? 0, stats["creates"] as? Int ?? 0)
    }

    /// Kills the server.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

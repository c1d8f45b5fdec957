import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `animatic review film.fountain` running as a user runs it, serving the review page on
/// loopback; stopped with SIGINT (Ctrl-C) by `stop()`, or killed when dropped.
final class ServedReview: @unchecked Sendable {
    let process = Process()
    /// The page's address as printed, with its token.
    let page: URL
    let token: String
    /// `http://127.0.0.1:PORT`: the page's origin.
    let origin: String
    let port: UInt16
    private let errorLog: URL

    init(in directory: URL, arguments: [String] = [], environment: [String: String] = [:]) throws {
        process.executableURL = CommandRunner.executable
        process.arguments = ["review", "film.fountain"] + arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        errorLog = directory.appendingPathComponent("review-server.log")
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errorLog)
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        // The first line names the page; read until it comes (the server is up by then).
        var printed = Data()
        let deadline = Date().addingTimeInterval(60)
        while !String(decoding: printed, as: UTF8.self).contains("\n"), Date() < deadline, process.isRunning {
            printed += out.fileHandleForReading.availableData
        }
        let line = String(decoding: printed, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        guard line.hasPrefix("review page: "), let url = URL(string: String(line.dropFirst("review page: ".count))),
              let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
              let token = components.queryItems?.first(where: { $0.name == "token" })?.value, let port = url.port
        else {
            process.terminate()
            throw ServedReviewError("the server printed '\(line)'; stderr: \(String(decoding: (try? Data(contentsOf: errorLog)) ?? Data(), as: UTF8.self))")
        }
        page = url
        self.token = token
        self.port = UInt16(port)
        origin = "http://127.0.0.1:\(port)"
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// What the server has said on standard error so far.
    var log: String { String(decoding: (try? Data(contentsOf: errorLog)) ?? Data(), as: UTF8.self) }

    /// Ctrl-C: the exit status and what the server said on standard error.
    func stop() -> (status: Int32, stderr: String) {
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: (try? Data(contentsOf: errorLog)) ?? Data(), as: UTF8.self))
    }

    /// `path` (with its query) on the server, with the token unless `token` is false.
    func url(_ path: String, token withToken: Bool = true) -> URL {
        let separator = path.contains("?") ? "&" : "?"
        return URL(string: origin + path + (withToken ? "\(separator)token=\(token)" : ""))!
    }

    /// A request and its answer: status and body.
    func request(
        _ path: String, method: String = "GET", body: Data? = nil, headers: [String: String] = [:], token: Bool = true
    ) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: url(path, token: token))
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// A save as the page sends it: JSON, with the page's own Origin.
    func save(_ edit: [String: Any], origin: String? = nil) async throws -> (status: Int, body: Data) {
        try await request(
            "/api/save", method: "POST", body: try JSONSerialization.data(withJSONObject: edit),
            headers: ["Content-Type": "application/json", "Origin": origin ?? self.origin])
    }

    /// The status of `GET target` sent byte for byte as written — `..` and all, which an
    /// HTTP client would tidy away before sending.
    func rawStatus(_ target: String) throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ServedReviewError("no socket") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ServedReviewError("cannot connect") }
        let request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(socket, $0, strlen($0), 0) }
        var answer = [UInt8](repeating: 0, count: 4096)
        var read = 0
        while read < 12 {
            let count = recv(socket, &answer[read], answer.count - read, 0)
            guard count > 0 else { break }
            read += count
        }
        let statusLine = String(decoding: answer[..<read], as: UTF8.self).split(separator: " ")
        guard statusLine.count > 1, let status = Int(statusLine[1]) else { throw ServedReviewError("no status line") }
        return status
    }
}

struct ServedReviewError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

import Foundation

#if canImport(Glibc)
import Glibc
private let streamSocket = Int32(SOCK_STREAM.rawValue)
private let noSignal = Int32(MSG_NOSIGNAL)
private let systemSend = Glibc.send
private let systemConnect = Glibc.connect
#elseif canImport(Darwin)
import Darwin
private let streamSocket = SOCK_STREAM
private let noSignal: Int32 = 0
private let systemSend = Darwin.send
private let systemConnect = Darwin.connect
#endif

/// A WebSocket client for `ws://` URLs (RFC 6455) over a plain TCP socket: the opening
/// handshake, text messages in (fragmented or not), pings answered with pongs, the close
/// handshake. Foundation's `URLSessionWebSocketTask` needs a libcurl built with WebSockets,
/// which Linux distributions' libcurl (Debian 12's 7.88) is not: it fails with "WebSockets
/// not supported by libcurl". Binary messages are read and dropped; nothing is sent but
/// pongs and the close frame. No TLS: `wss://` is refused.
///
/// Blocking socket calls run on a thread of the connection's own, never on Swift's
/// cooperative pool.
final class WebSocketClient: @unchecked Sendable {
    /// Why a connection could not be opened or went wrong.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The longest message taken, in bytes (ComfyUI's previews are far smaller).
    static let messageLimit = 64 << 20

    private let descriptor: Int32
    private let writeLock = NSLock()
    /// Bytes read after the handshake's headers: the first frames.
    private let pending: [UInt8]
    /// Whether `messages()` has started the reader, which closes the descriptor when done.
    private var started = false

    private init(descriptor: Int32, pending: [UInt8]) {
        self.descriptor = descriptor
        self.pending = pending
    }

    deinit {
        // Opened but never read (the prompt could not be queued): nobody else closes it.
        if !started { close(descriptor) }
    }

    /// Connects to `url` (`ws://host:port/path?query`) and completes the opening handshake,
    /// giving up after `timeout` seconds.
    static func connect(_ url: URL, timeout: TimeInterval = 5) async throws -> WebSocketClient {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do { continuation.resume(returning: try open(url, timeout: timeout)) } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "websocket-connect"
            thread.start()
        }
    }

    /// The text messages the server sends, until it closes the connection (or it breaks, which
    /// ends the stream with an error). Ending the iteration, or cancelling its task, closes
    /// the connection. Call once.
    func messages() -> AsyncThrowingStream<String, any Error> {
        let (stream, continuation) = AsyncThrowingStream<String, any Error>.makeStream()
        continuation.onTermination = { [self] _ in
            // Says goodbye (1000: normal closure), then unblocks the reader's recv; the reader
            // closes the descriptor once it is out of it.
            try? send(WebSocketFrame(isFinal: true, opcode: .close, payload: [0x03, 0xE8]))
            _ = shutdown(descriptor, Int32(SHUT_RDWR))
        }
        started = true
        let thread = Thread { [self] in
            do {
                try read { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
            close(descriptor)
        }
        thread.name = "websocket-reader"
        thread.start()
        return stream
    }

    /// Reads frames until the close handshake or the end of the connection, passing each
    /// text message to `deliver` and answering pings.
    private func read(_ deliver: (String) -> Void) throws {
        var buffer = pending[...]
        var message: [UInt8] = []
        var messageIsText = false
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            while true {
                let parsed: (WebSocketFrame, Int)?
                do { parsed = try WebSocketFrame.parse(buffer, limit: Self.messageLimit) } catch {
                    try? send(WebSocketFrame(isFinal: true, opcode: .close, payload: [0x03, 0xEA]))  // 1002: protocol error
                    throw Failure(description: "the server sent a frame the client does not take (\(error))")
                }
                guard let (frame, used) = parsed else { break }
                buffer = buffer.dropFirst(used)
                switch frame.opcode {
                case .ping:
                    try send(WebSocketFrame(isFinal: true, opcode: .pong, payload: frame.payload))
                case .pong:
                    break
                case .close:
                    // Echo the status code, as section 5.5.1 asks, and stop reading.
                    try? send(WebSocketFrame(isFinal: true, opcode: .close, payload: Array(frame.payload.prefix(2))))
                    return
                case .text, .binary, .continuation:
                    if frame.opcode != .continuation {
                        message = []
                        messageIsText = frame.opcode == .text
                    }
                    message += frame.payload
                    guard message.count <= Self.messageLimit else {
                        throw Failure(description: "a message longer than \(Self.messageLimit) bytes")
                    }
                    if frame.isFinal, messageIsText { deliver(String(decoding: message, as: UTF8.self)) }
                    if frame.isFinal { message = [] }
                }
            }
            // Compact what was parsed before reading more.
            buffer = ArraySlice(Array(buffer))
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else {
                if count == 0 { return }
                throw Failure(description: "the connection broke: \(String(cString: strerror(errno)))")
            }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    /// Sends `frame`, masked with a random key, whole.
    private func send(_ frame: WebSocketFrame) throws {
        let bytes = frame.encoded(mask: (0..<4).map { _ in UInt8.random(in: 0...255) })
        try writeLock.withLock { try Self.write(bytes, to: descriptor) }
    }

    private static func write(_ bytes: [UInt8], to descriptor: Int32) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { systemSend(descriptor, $0.baseAddress, $0.count, noSignal) }
            guard count > 0 else { throw Failure(description: "cannot send: \(String(cString: strerror(errno)))") }
            sent += count
        }
    }

    /// The blocking connect and handshake.
    private static func open(_ url: URL, timeout: TimeInterval) throws -> WebSocketClient {
        guard url.scheme == "ws", let host = url.host else {
            throw Failure(description: "\(url.absoluteString) is not a ws:// URL (wss:// is not supported)")
        }
        let port = url.port ?? 80
        let descriptor = try connectSocket(host: host, port: port, timeout: timeout)
        do {
            let keyBytes = (0..<16).map { _ in UInt8.random(in: 0...255) }
            let key = Data(keyBytes).base64EncodedString()
            var target = url.path.isEmpty ? "/" : url.path
            if let query = url.query { target += "?" + query }
            let request = "GET \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n"
            try write(Array(request.utf8), to: descriptor)
            let (head, rest) = try readHead(descriptor)
            try checkHandshake(head, key: key)
            // From here the reader blocks until the server speaks or the stream ends.
            var none = timeval(tv_sec: 0, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &none, socklen_t(MemoryLayout<timeval>.size))
            return WebSocketClient(descriptor: descriptor, pending: rest)
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// A TCP connection to `host`:`port` whose connect, sends and reads give up after `timeout`.
    private static func connectSocket(host: String, port: Int, timeout: TimeInterval) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamSocket
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw Failure(description: "cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var limit = timeval(tv_sec: time_t(timeout), tv_usec: suseconds_t((timeout - timeout.rounded(.down)) * 1e6))
        var lastError = ECONNREFUSED
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let descriptor = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            guard descriptor >= 0 else { continue }
            // On Linux a connect gives up after the send time-out.
            setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            if systemConnect(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return descriptor }
            lastError = errno
            close(descriptor)
        }
        throw Failure(description: "cannot connect to \(host):\(port): \(String(cString: strerror(lastError)))")
    }

    /// The handshake answer's head (up to the blank line) and the bytes after it.
    private static func readHead(_ descriptor: Int32) throws -> (String, [UInt8]) {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            if let range = bytes.firstRange(of: end) {
                return (String(decoding: bytes[..<range.lowerBound], as: UTF8.self), Array(bytes[range.upperBound...]))
            }
            guard bytes.count < 64 << 10 else { throw Failure(description: "the handshake answer has no end") }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else {
                throw Failure(description: count == 0
                    ? "the server closed the connection during the handshake"
                    : "no handshake answer: \(String(cString: strerror(errno)))")
            }
            bytes += chunk[0..<count]
        }
    }

    /// Checks the server switched protocols and proved it read `key` (section 4.1).
    private static func checkHandshake(_ head: String, key: String) throws {
        let lines = head.components(separatedBy: "\r\n")
        guard let status = lines.first, status.split(separator: " ").dropFirst().first == "101" else {
            throw Failure(description: "the server did not switch to WebSocket: \(lines.first ?? "no status line")")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let expected = Data(SHA1.digest(Array((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").utf8))).base64EncodedString()
        guard headers["upgrade"]?.lowercased() == "websocket", headers["sec-websocket-accept"] == expected else {
            throw Failure(description: "the server's handshake answer is not WebSocket's (Sec-WebSocket-Accept)")
        }
    }
}

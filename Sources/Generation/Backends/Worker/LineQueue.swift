import Foundation

/// The lines a child process writes on a pipe, read on a thread of their own (a blocking
/// `read` per chunk, so no async task is held up) and taken one at a time by whoever
/// serves the worker's current request. `next()` returns nil once the pipe is closed: the
/// worker exited, crashed or was killed.
final class LineQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    private var head = 0
    private var closed = false
    private var waiter: CheckedContinuation<String?, Never>?

    /// Starts reading `descriptor` until end of file, then closes it.
    init(reading descriptor: Int32) {
        let thread = Thread { [self] in
            var pending = Data()
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                pending.append(contentsOf: buffer[0..<count])
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    push(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending.removeSubrange(pending.startIndex...newline)
                }
            }
            if !pending.isEmpty { push(String(decoding: pending, as: UTF8.self)) }
            close(descriptor)
            finish()
        }
        thread.name = "worker-stdout"
        thread.start()
    }

    /// The next line, waiting for it; nil once the pipe is closed and every line taken.
    /// One caller at a time.
    func next() async -> String? {
        await withCheckedContinuation { continuation in
            lock.withLock {
                if head < lines.count {
                    continuation.resume(returning: take())
                } else if closed {
                    continuation.resume(returning: nil)
                } else {
                    waiter = continuation
                }
            }
        }
    }

    private func take() -> String {
        let line = lines[head]
        head += 1
        if head > 1024 {
            lines.removeFirst(head)
            head = 0
        }
        return line
    }

    private func push(_ line: String) {
        let handOver: (CheckedContinuation<String?, Never>, String)? = lock.withLock {
            lines.append(line)
            guard let waiter else { return nil }
            self.waiter = nil
            return (waiter, take())
        }
        if let (waiter, line) = handOver { waiter.resume(returning: line) }
    }

    private func finish() {
        let waiting: CheckedContinuation<String?, Never>? = lock.withLock {
            closed = true
            defer { waiter = nil }
            return waiter
        }
        waiting?.resume(returning: nil)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's `read`, which `RawFile.read` hides by name.
private let systemRead: @Sendable (Int32, UnsafeMutableRawPointer?, Int) -> Int = { read($0, $1, $2) }

/// Reading a script and writing diagnostics with the C library's calls: the launcher links
/// no Foundation (no `FileManager`, no `FileHandle`).
package enum RawFile {
    /// The bytes of the regular file at `path`; nil when it is missing, unreadable or not a
    /// regular file (a folder, a pipe), which the front end reports in its own words.
    package static func read(_ path: String) -> [UInt8]? {
        // Non-blocking, so that a pipe's name does not wait for a writer before `fstat` says what it is.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return readToEnd(descriptor, expecting: Int(status.st_size))
    }

    /// Everything on standard input, to its end; nil when a read fails (it is closed, or a folder).
    package static func readStandardInput() -> [UInt8]? {
        readToEnd(STDIN_FILENO, expecting: 0)
    }

    /// Writes `text` whole to standard error.
    package static func writeStandardError(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    /// What `descriptor` holds from here to its end, `expecting` bytes or any other number;
    /// nil when a read fails.
    private static func readToEnd(_ descriptor: Int32, expecting: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = max(expecting + 1, 1 << 16)
        while true {
            let start = bytes.count
            bytes.reserveCapacity(start + chunk)
            var count = 0
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            while true {
                count = bytes.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + start, chunk) }
                if count < 0 && errno == EINTR { continue }
                break
            }
            guard count >= 0 else { return nil }
            bytes.removeLast(chunk - count)
            if count == 0 { return bytes }
            chunk = 1 << 16
        }
    }
}

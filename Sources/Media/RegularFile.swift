import CSHA256
import Foundation

/// Reading files that might not be what they should be (a cache entry replaced by a FIFO,
/// a directory, a device): only regular files are read, and opening never blocks — a FIFO
/// opened for reading would wait for a writer forever, deaf to signals.
public enum RegularFile {
    /// A descriptor open for reading on the regular file at `path`, and its status; nil when
    /// there is no such file or it is not a regular file. The caller closes the descriptor.
    public static func open(_ path: String) -> (descriptor: Int32, status: stat)? {
        let descriptor = Foundation.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return nil
        }
        return (descriptor, status)
    }

    /// The size and modification time of the regular file at `path`, without opening it;
    /// nil when there is none (a symbolic link is followed).
    public static func status(_ path: String) -> (size: Int, modified: Int)? {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return (Int(status.st_size), status.modifiedNanoseconds)
    }

    /// The status of the regular file at `path` itself, not followed if a symbolic link;
    /// nil when there is none, or it is something else.
    public static func ownStatus(_ path: String) -> stat? {
        var status = stat()
        guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return status
    }

    /// The contents of the regular file at `path`, if it is one of at most `limit` bytes.
    public static func read(_ path: String, limit: Int = 256 << 20) -> Data? {
        guard let (descriptor, status) = open(path) else { return nil }
        defer { close(descriptor) }
        guard Int(status.st_size) <= limit else { return nil }
        var data = Data(count: Int(status.st_size))
        var offset = 0
        while offset < data.count {
            let count = data.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + offset, $0.count - offset, off_t(offset)) }
            guard count > 0 else { return nil }
            offset += count
        }
        return data
    }

    /// The size and SHA-256 of the regular file at `path`, read in 1 MiB blocks (memory
    /// does not grow with the file); nil when it is not a regular file or cannot be read.
    /// CSHA256's digest: SHA-NI rounds where the CPU has them, 3.7× libavutil's `av_sha`
    /// on a long video (bench/README.md, "Session 6: the video chain").
    public static func digest(_ path: String) -> FileDigest? {
        guard let (descriptor, _) = open(path) else { return nil }
        defer { close(descriptor) }
        var context = animatic_sha256()
        animatic_sha256_init(&context, 1)
        let blockSize = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 64)
        defer { buffer.deallocate() }
        var size = 0
        while true {
            let count = Foundation.read(descriptor, buffer, blockSize)
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            animatic_sha256_update(&context, buffer, count)
            size += count
        }
        var bytes = [UInt8](repeating: 0, count: 32)
        animatic_sha256_final(&context, &bytes)
        var text = [CChar](repeating: 0, count: 65)
        animatic_sha256_hex(bytes, &text)
        return FileDigest(size: size, sha256: String(decoding: text.prefix(64).map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}

/// What a file's content was: its length and SHA-256, recorded when it is written and
/// compared before it is trusted.
public struct FileDigest: Sendable, Hashable, Codable {
    /// The length in bytes.
    public var size: Int
    /// The SHA-256 of the content, in lowercase hex.
    public var sha256: String

    public init(size: Int, sha256: String) {
        self.size = size
        self.sha256 = sha256
    }

    /// `size sha256`, one line: how the cache records it.
    public var text: String { "\(size) \(sha256)\n" }

    /// Reads `text`'s form back; nil when it is not that.
    public init?(text: String) {
        let fields = text.split(whereSeparator: \.isWhitespace)
        guard fields.count == 2, let size = Int(fields[0]), size >= 0, fields[1].count == 64,
            fields[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else { return nil }
        self.init(size: size, sha256: String(fields[1]))
    }
}

extension stat {
    /// The modification time, in nanoseconds since the epoch.
    public var modifiedNanoseconds: Int { Int(st_mtim.tv_sec) * 1_000_000_000 + Int(st_mtim.tv_nsec) }
    /// The status-change time (ctime), in nanoseconds since the epoch.
    public var changedNanoseconds: Int { Int(st_ctim.tv_sec) * 1_000_000_000 + Int(st_ctim.tv_nsec) }
}

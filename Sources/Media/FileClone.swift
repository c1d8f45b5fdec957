import CFFmpegShims
import Foundation

/// Independent copies of files: a reflink where the file system has them (the copy shares
/// blocks until either side is written, costing nothing), else the kernel's
/// `copy_file_range`, else reads and writes. Unlike a hard link, editing the copy never
/// edits the original — which matters when the original is a cache entry.
public enum FileClone {
    /// Copies the regular file `source` to the new file `destination` (which must not exist),
    /// with `source`'s modification time.
    /// - Throws: `MediaError.fileSystem`; `destination` is removed when the copy fails.
    public static func copy(_ source: URL, to destination: URL) throws {
        guard let (input, status) = RegularFile.open(source.path) else {
            throw failure("open", source.path, code: errno == 0 ? EINVAL : errno)
        }
        defer { close(input) }
        let output = open(destination.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw failure("create", destination.path, code: errno) }
        var closed = false
        do {
            if cffmpeg_file_clone(output, input) != 0 { try copyBytes(from: input, to: output, count: Int(status.st_size), destination) }
            var times = [status.st_atim, status.st_mtim]
            futimens(output, &times)
            closed = true
            guard close(output) == 0 else { throw failure("close", destination.path, code: errno) }
        } catch {
            if !closed { close(output) }
            unlink(destination.path)
            throw error
        }
    }

    private static func copyBytes(from input: Int32, to output: Int32, count: Int, _ destination: URL) throws {
        var remaining = count
        while remaining > 0 {
            let copied = Int(cffmpeg_copy_file_range(input, output, remaining))
            if copied > 0 {
                remaining -= copied
                continue
            }
            if copied == 0 { break }
            if errno == EINTR { continue }
            if errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP { break }
            throw failure("copy_file_range", destination.path, code: errno)
        }
        guard remaining > 0 else { return }
        // The kernel would not copy between these files: plain reads and writes.
        let offset = off_t(count - remaining)
        let block = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: block, alignment: 16)
        defer { buffer.deallocate() }
        var position = offset
        while true {
            let read = pread(input, buffer, block, position)
            if read < 0, errno == EINTR { continue }
            guard read >= 0 else { throw failure("read", destination.path, code: errno) }
            if read == 0 { break }
            var written = 0
            while written < read {
                let count = pwrite(output, buffer + written, read - written, position + off_t(written))
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { throw failure("write", destination.path, code: errno) }
                written += count
            }
            position += off_t(read)
        }
    }

    private static func failure(_ operation: String, _ path: String, code: Int32) -> MediaError {
        .fileSystem(operation: operation, path: path, errno: code, message: String(cString: strerror(code)))
    }
}

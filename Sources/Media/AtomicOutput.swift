import Foundation

/// Runs `write` on a temporary path beside `destination` (same directory, so the final
/// rename is atomic) and renames the result into place. When `write` throws (including
/// `CancellationError`), the temporary file is removed and `destination` is left untouched.
/// The one atomic write of the project: media, cache records and every output beside the
/// video go through it, so every temporary file is named alike (`.NAME.partial-UUID`, which
/// the cache's lock and the build's stale-partial sweep recognise).
public func writeAtomically<Result>(to destination: URL, _ write: (String) throws -> Result) throws -> Result {
    let directory = destination.deletingLastPathComponent().path
    let temporary = directory + "/." + destination.lastPathComponent + ".partial-" + UUID().uuidString
    do {
        let result = try write(temporary)
        if rename(temporary, destination.path) != 0 {
            let code = errno
            throw MediaError.fileSystem(
                operation: "rename", path: destination.path, errno: code, message: String(cString: strerror(code)))
        }
        return result
    } catch {
        unlink(temporary)
        throw error
    }
}

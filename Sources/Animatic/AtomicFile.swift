import Foundation
import Media

/// Small outputs (plan, report, depfile) written whole or not at all.
enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, then renames it into place.
    static func write(_ data: Data, to url: URL) throws(AnimaticError) {
        try replace(url) { temporary in try data.write(to: temporary) }
    }

    /// Puts a copy of the file `source` at `url` — a reflink where the file system has
    /// them, else a copy, never a hard link (editing the output must not edit `source`, a
    /// cache entry) — under a temporary name first, then renames it into place. The copy
    /// keeps `source`'s modification time, so `isCopy` can tell it is current with a stat.
    static func place(_ source: URL, at url: URL) throws(AnimaticError) {
        try replace(url) { temporary in try FileClone.copy(source, to: temporary) }
    }

    /// Whether `url` holds a copy `place` made of `source` as it is now: another file of
    /// the same size and modification time. A file edited in place has a new time.
    static func isCopy(_ url: URL, of source: URL) -> Bool {
        var sourceStatus = stat(), targetStatus = stat()
        guard stat(source.path, &sourceStatus) == 0, stat(url.path, &targetStatus) == 0 else { return false }
        let sameFile = sourceStatus.st_dev == targetStatus.st_dev && sourceStatus.st_ino == targetStatus.st_ino
        return !sameFile && sourceStatus.st_size == targetStatus.st_size
            && sourceStatus.st_mtim.tv_sec == targetStatus.st_mtim.tv_sec
            && sourceStatus.st_mtim.tv_nsec == targetStatus.st_mtim.tv_nsec
    }

    /// Runs `make` on a temporary path beside `url` and renames the result into place; the
    /// temporary file is removed when anything fails.
    private static func replace(_ url: URL, with make: (URL) throws -> Void) throws(AnimaticError) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            try make(temporary)
            if rename(temporary.path, url.path) != 0 {
                throw AnimaticError(.cannotCreate, "cannot rename into \(url.path): \(String(cString: strerror(errno)))")
            }
        } catch let error as AnimaticError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw AnimaticError(.cannotCreate, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}

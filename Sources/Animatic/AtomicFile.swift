import Foundation
import Media

/// Small outputs (plan, report, depfile) written whole or not at all.
enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, then renames it into place.
    static func write(_ data: Data, to url: URL) throws(AnimaticError) {
        try replace(url) { temporary in try data.write(to: temporary) }
    }

    /// Writes `data` to `url` as `write` does, unless `url` already holds exactly those bytes:
    /// an up-to-date output is left alone rather than rewritten with the same bytes, so its
    /// modification time still says when its content last changed (make, editors watching
    /// the file and backups see no change where there is none). Returns whether it wrote.
    @discardableResult
    static func update(_ data: Data, at url: URL) throws(AnimaticError) -> Bool {
        if RegularFile.status(url.path)?.size == data.count, RegularFile.read(url.path) == data { return false }
        try write(data, to: url)
        return true
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

    /// Runs `make` on a temporary path beside `url` and renames the result into place
    /// (Media's `writeAtomically`, the one atomic write); the temporary file is removed
    /// when anything fails.
    private static func replace(_ url: URL, with make: (URL) throws -> Void) throws(AnimaticError) {
        do {
            try writeAtomically(to: url) { path in try make(URL(fileURLWithPath: path)) }
        } catch let MediaError.fileSystem(operation, path, _, message) where operation == "rename" {
            throw AnimaticError(.cannotCreate, "cannot rename into \(path): \(message)")
        } catch {
            throw AnimaticError(.cannotCreate, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}

import Foundation

/// Small outputs (plan, report, depfile) written whole or not at all.
enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, then renames it into place.
    static func write(_ data: Data, to url: URL) throws(AnimaticError) {
        try replace(url) { temporary in try data.write(to: temporary) }
    }

    /// Puts the file `source` at `url` under a temporary name first — a hard link, or a
    /// copy where linking fails — then renames it into place. Does nothing when `url` is
    /// already `source` (the same file).
    static func place(_ source: URL, at url: URL) throws(AnimaticError) {
        var sourceStatus = stat(), targetStatus = stat()
        if stat(source.path, &sourceStatus) == 0, stat(url.path, &targetStatus) == 0,
           sourceStatus.st_dev == targetStatus.st_dev, sourceStatus.st_ino == targetStatus.st_ino {
            return
        }
        try replace(url) { temporary in
            if link(source.path, temporary.path) != 0 { try FileManager.default.copyItem(at: source, to: temporary) }
        }
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

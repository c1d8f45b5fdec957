import Foundation

/// Small outputs (plan, report, depfile) written whole or not at all.
enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, then renames it into place.
    static func write(_ data: Data, to url: URL) throws(AnimaticError) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            try data.write(to: temporary)
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

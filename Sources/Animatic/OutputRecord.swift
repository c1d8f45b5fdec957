import Foundation
import Media

/// What the build report records of the video it describes, so that "up to date" means
/// the video on disk is the one the report's build wrote: its size and SHA-256, and its
/// modification time, which lets a rebuild trust an untouched video with one stat and
/// digest it only when its time has changed.
public struct VideoRecord: Sendable, Codable, Hashable {
    /// The length in bytes.
    public var size: Int
    /// The modification time, in nanoseconds since 1970, when the report was written.
    public var modified: Int
    /// The SHA-256 of the content, in lowercase hex.
    public var sha256: String

    /// The record of the regular file at `url` now (reads the whole file); nil when there is none.
    static func of(_ url: URL) -> VideoRecord? {
        guard let status = RegularFile.status(url.path), let digest = RegularFile.digest(url.path),
            digest.size == status.size
        else { return nil }
        return VideoRecord(size: status.size, modified: status.modified, sha256: digest.sha256)
    }

    /// The record for the file at `url` if it is still this video: the same size and either
    /// the same modification time or, failing that, the same digest (the record then takes
    /// the new time); nil when the file is missing, cut short, or its content differs.
    func current(at url: URL) -> VideoRecord? {
        guard let status = RegularFile.status(url.path), status.size == size else { return nil }
        if status.modified == modified { return self }
        guard let digest = RegularFile.digest(url.path), digest.size == size, digest.sha256 == sha256 else { return nil }
        return VideoRecord(size: size, modified: status.modified, sha256: sha256)
    }
}

/// Temporary files beside the outputs (`.film.mp4.partial-…`, `.film.xml.partial-…`,
/// `.film.media.old-…`) that a build killed while writing left behind. Removed by the next
/// build of the same video while it holds the cache's lock, so that no other build of it
/// can be writing them.
enum StalePartials {
    static func remove(beside output: URL) {
        let directory = output.deletingLastPathComponent()
        let prefix = "." + output.deletingPathExtension().lastPathComponent + "."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(prefix) && (name.contains(".partial-") || name.contains(".old-")) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }
}

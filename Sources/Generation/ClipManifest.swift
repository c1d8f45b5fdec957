import Foundation
import Media

/// What the cache held when a build last looked, as ninja trusts its log: for each entry,
/// the size and modification time of the clip and of its recorded digest, and the frame
/// count and size its header held. A build takes an entry whose two files still have those
/// sizes and times for checked — two `lstat`s — instead of reading the digest and the clip's
/// `moov` box (`ClipCache.state`). Anything else (a file replaced, cut short, touched, or a
/// FIFO in its place) differs in one of them and is checked in full again.
///
/// Kept in the cache as `manifest.tsv`, one entry a line; read once per `ClipCache` value,
/// written back by `save()` only when an entry changed, atomically.
final class ClipManifest: Sendable {
    /// One entry as checked.
    struct Entry: Hashable {
        var clip: FileStamp
        var digest: FileStamp
        var frames: Int
        var width: Int
        var height: Int
    }

    /// A file's size and modification time, in nanoseconds.
    struct FileStamp: Hashable {
        var size: Int
        var modified: Int

        /// The stamp of the regular file at `path` (not followed if a link); nil otherwise.
        init?(_ path: String) {
            guard let status = RegularFile.ownStatus(path) else { return nil }
            size = Int(status.st_size)
            modified = status.modifiedNanoseconds
        }

        init(size: Int, modified: Int) {
            self.size = size
            self.modified = modified
        }
    }

    /// Bumped when the file's form changes; a file of another version is ignored.
    static let version = "animatic-clip-manifest 1"

    private let table: StampTable<Entry>

    /// The manifest kept at `file` (read when first asked).
    init(file: URL) {
        table = StampTable(file: file, version: Self.version)
    }

    /// Whether `key`'s entry, whose clip is at `clip` and digest at `digest`, is as recorded
    /// with `frames` frames of `width`×`height`.
    func vouches(for key: String, clip: URL, digest: URL, frames: Int, width: Int, height: Int) -> Bool {
        guard let entry = table[key], entry.frames == frames, entry.width == width, entry.height == height
        else { return false }
        return FileStamp(clip.path) == entry.clip && FileStamp(digest.path) == entry.digest
    }

    /// Records `key`'s entry as just checked in full; forgets it when its files are not there.
    func record(_ key: String, clip: URL, digest: URL, frames: Int, width: Int, height: Int) {
        let entry = FileStamp(clip.path).flatMap { clip in
            FileStamp(digest.path).map { Entry(clip: clip, digest: $0, frames: frames, width: width, height: height) }
        }
        table.set(key, entry)
    }

    /// Forgets `key`'s entry (discarded or about to be made again).
    func forget(_ key: String) {
        table.set(key, nil)
    }

    /// Writes the manifest back when an entry changed since it was read.
    func save() throws {
        try table.save()
    }
}

extension ClipManifest.Entry: StampTableRow {
    var fields: [String] {
        ["\(clip.size)", "\(clip.modified)", "\(digest.size)", "\(digest.modified)", "\(frames)", "\(width)", "\(height)"]
    }

    init?(fields: ArraySlice<Substring>) {
        let numbers = fields.compactMap { Int($0) }
        guard fields.count == 7, numbers.count == 7 else { return nil }
        self.init(
            clip: ClipManifest.FileStamp(size: numbers[0], modified: numbers[1]),
            digest: ClipManifest.FileStamp(size: numbers[2], modified: numbers[3]),
            frames: numbers[4], width: numbers[5], height: numbers[6])
    }
}

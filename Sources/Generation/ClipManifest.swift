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
final class ClipManifest: @unchecked Sendable {
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
            var status = stat()
            guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
            size = Int(status.st_size)
            modified = Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec)
        }

        init(size: Int, modified: Int) {
            self.size = size
            self.modified = modified
        }
    }

    /// Bumped when the file's form changes; a file of another version is ignored.
    static let version = "animatic-clip-manifest 1"

    private let file: URL
    private let lock = NSLock()
    private var loaded: [String: Entry]?
    private var changed = false

    /// The manifest kept at `file` (read when first asked).
    init(file: URL) {
        self.file = file
    }

    /// Whether `key`'s entry, whose clip is at `clip` and digest at `digest`, is as recorded
    /// with `frames` frames of `width`×`height`.
    func vouches(for key: String, clip: URL, digest: URL, frames: Int, width: Int, height: Int) -> Bool {
        guard let entry = lock.withLock({ entries[key] }), entry.frames == frames, entry.width == width,
              entry.height == height
        else { return false }
        return FileStamp(clip.path) == entry.clip && FileStamp(digest.path) == entry.digest
    }

    /// Records `key`'s entry as just checked in full; forgets it when its files are not there.
    func record(_ key: String, clip: URL, digest: URL, frames: Int, width: Int, height: Int) {
        let entry = FileStamp(clip.path).flatMap { clip in
            FileStamp(digest.path).map { Entry(clip: clip, digest: $0, frames: frames, width: width, height: height) }
        }
        lock.withLock {
            guard entries[key] != entry else { return }
            entries[key] = entry
            changed = true
        }
    }

    /// Forgets `key`'s entry (discarded or about to be made again).
    func forget(_ key: String) {
        lock.withLock {
            guard entries[key] != nil else { return }
            entries[key] = nil
            changed = true
        }
    }

    /// Writes the manifest back when an entry changed since it was read.
    func save() throws {
        let text: String? = lock.withLock {
            guard changed else { return nil }
            changed = false
            return ([Self.version] + entries.sorted { $0.key < $1.key }.map { key, entry in
                [key, "\(entry.clip.size)", "\(entry.clip.modified)", "\(entry.digest.size)", "\(entry.digest.modified)",
                 "\(entry.frames)", "\(entry.width)", "\(entry.height)"].joined(separator: "\t")
            }).joined(separator: "\n") + "\n"
        }
        guard let text else { return }
        try writeAtomically(to: file) { path in try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
    }

    /// The entries, read from the file on first use (none when it is missing or not this
    /// version; a malformed line is skipped, its entry then checked in full). Under `lock`.
    private var entries: [String: Entry] {
        get {
            if let loaded { return loaded }
            let read = Self.parse((try? Data(contentsOf: file)) ?? Data())
            loaded = read
            return read
        }
        set { loaded = newValue }
    }

    private static func parse(_ data: Data) -> [String: Entry] {
        var entries: [String: Entry] = [:]
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard lines.first == Substring(version) else { return [:] }
        for line in lines.dropFirst() {
            let fields = line.split(separator: "\t")
            guard fields.count == 8 else { continue }
            let numbers = fields.dropFirst().compactMap { Int($0) }
            guard numbers.count == 7 else { continue }
            entries[String(fields[0])] = Entry(
                clip: FileStamp(size: numbers[0], modified: numbers[1]), digest: FileStamp(size: numbers[2], modified: numbers[3]),
                frames: numbers[4], width: numbers[5], height: numbers[6])
        }
        return entries
    }
}

import Foundation
import Media

/// Which sealed entries (clips, thumbnails, sheet pages) were last found to hold the content
/// their recorded digest names, and how the entry and its record then stood on disk: device,
/// inode, size, and modification and status-change times to the nanosecond. While both
/// still stand so, `ClipCache.verify` trusts the recorded SHA-256 without reading the entry,
/// as ninja trusts its log: any write to a file, any `chmod`, `touch` or rename onto its
/// name gives it a new status-change time (ctime), which no user tool can set back, or a new inode.
///
/// An entry is recorded when it is sealed (made read-only, stamped, its digest computed
/// from it, and stamped again the same: only another program writing to the new entry in
/// the same clock tick as the stamps could go unseen, as with any log of stamps) and when
/// `verify` hashed it and found it matching. A verified entry
/// is recorded only when its status-change time is at least `margin` older than the check:
/// a change made in the same tick of the file system's clock as an earlier one leaves the
/// same time, so a file changed just before it was read could change again unseen.
///
/// Kept in the cache as `digests.tsv`, one entry a line; read once per `ClipCache` value,
/// written back by `save()` only when an entry changed, atomically.
final class DigestLedger: Sendable {
    /// How a file stood: what a write, a `touch` or a replacement changes.
    struct Stamp: Hashable {
        var device: UInt64
        var inode: UInt64
        var size: Int
        var modified: Int
        var changed: Int

        /// The stamp of the regular file at `path` (not followed if a link); nil otherwise.
        init?(_ path: String) {
            guard let status = RegularFile.ownStatus(path) else { return nil }
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
            size = Int(status.st_size)
            modified = status.modifiedNanoseconds
            changed = status.changedNanoseconds
        }

        init(device: UInt64, inode: UInt64, size: Int, modified: Int, changed: Int) {
            (self.device, self.inode, self.size, self.modified, self.changed) = (device, inode, size, modified, changed)
        }

        var fields: [String] { ["\(device)", "\(inode)", "\(size)", "\(modified)", "\(changed)"] }
    }

    /// An entry and its digest's record, as they stood when the entry's content matched it.
    struct Entry: Hashable {
        var file: Stamp
        var record: Stamp
    }

    /// Bumped when the file's form changes; a file of another version is ignored.
    static let version = "animatic-digest-ledger 1"

    /// How much older than a check an entry's status-change time must be for the check to
    /// be recorded: more than a tick of any file system's clock (ext4 with small inodes
    /// keeps whole seconds).
    static let defaultMargin = 2_000_000_000

    private let table: StampTable<Entry>
    /// The cache's directory: entries are named by their path under it.
    private let root: String
    private let margin: Int

    /// The ledger kept at `file` for the cache at `root` (read when first asked); `margin`
    /// in nanoseconds (`defaultMargin`).
    init(file: URL, root: URL, margin: Int = defaultMargin) {
        table = StampTable(file: file, version: Self.version)
        self.root = root.standardizedFileURL.path + "/"
        self.margin = margin
    }

    /// The stamps of the entry at `url` and of its record at `record`; nil unless both are regular files.
    static func stamps(of url: URL, record: URL) -> Entry? {
        Stamp(url.path).flatMap { file in Stamp(record.path).map { Entry(file: file, record: $0) } }
    }

    /// Whether the entry at `url` and its record at `record` stand as they did when the
    /// entry last matched the record.
    func vouches(for url: URL, record: URL) -> Bool {
        guard let entry = table[name(url)] else { return false }
        return Self.stamps(of: url, record: record) == entry
    }

    /// Records that the entry at `url` matched its record at `record` when both stood as
    /// `stamps` (nil: as they stand now, just sealed). A check of files changed within the
    /// margin of now is not recorded: they are hashed again next time.
    func record(_ url: URL, record: URL, checked stamps: Entry? = nil) {
        guard let entry = stamps ?? Self.stamps(of: url, record: record) else { return forget(url) }
        if stamps != nil {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            let time = Int(now.tv_sec) * 1_000_000_000 + Int(now.tv_nsec)
            guard max(entry.file.changed, entry.record.changed) + margin < time else { return forget(url) }
        }
        table.set(name(url), entry)
    }

    /// Forgets the entry at `url` (discarded, or changed since it was checked).
    func forget(_ url: URL) {
        table.set(name(url), nil)
    }

    /// Writes the ledger back when an entry changed since it was read.
    func save() throws {
        try table.save()
    }

    /// The name of the entry at `url`: its path under the cache.
    private func name(_ url: URL) -> String {
        let path = url.path
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }
}

extension DigestLedger.Entry: StampTableRow {
    var fields: [String] { file.fields + record.fields }

    init?(fields: ArraySlice<Substring>) {
        guard fields.count == 10 else { return nil }
        let start = fields.startIndex
        func stamp(_ at: Int) -> DigestLedger.Stamp? {
            guard let device = UInt64(fields[at]), let inode = UInt64(fields[at + 1]), let size = Int(fields[at + 2]),
                  let modified = Int(fields[at + 3]), let changed = Int(fields[at + 4])
            else { return nil }
            return DigestLedger.Stamp(device: device, inode: inode, size: size, modified: modified, changed: changed)
        }
        guard let file = stamp(start), let record = stamp(start + 5) else { return nil }
        self.init(file: file, record: record)
    }
}

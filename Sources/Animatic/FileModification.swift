import Foundation

/// A file's modification time from one `lstat`, as FileManager's `attributesOfItem` gives
/// it (`modificationDate.timeIntervalSince1970`, to the bit), without what that call costs
/// besides: it also looks up the file's owner and group, opening `/etc/passwd` and
/// `/etc/group` each time — for thousands of files an edit looks at.
enum FileModification {
    /// The size and modification time (seconds since 1970) of the file at `path`, or nil
    /// when it cannot be stated. A symbolic link is stated itself, as FileManager does.
    static func of(_ path: String) -> (size: Int, modified: Double)? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        // Seconds from Foundation's reference date, then from 1970, as its `Date` is made.
        let modified = Date(
            timeIntervalSinceReferenceDate: Double(status.st_mtim.tv_sec) - Date.timeIntervalBetween1970AndReferenceDate
                + Double(status.st_mtim.tv_nsec) / 1_000_000_000
        ).timeIntervalSince1970
        return (Int(status.st_size), modified)
    }
}

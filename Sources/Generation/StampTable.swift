import Foundation
import Media

/// A row of a `StampTable`: the fields after the entry's name, as written and read.
protocol StampTableRow: Hashable {
    /// The row's fields, in the order `init?(fields:)` reads them.
    var fields: [String] { get }
    /// The row of `fields` (those after the name); nil when they are malformed.
    init?(fields: ArraySlice<Substring>)
}

/// A table of rows by entry name, kept in the cache as tab-separated lines under a version
/// line (`ClipManifest`, `DigestLedger`): read once, on first use (empty when the file is
/// missing or of another version; a malformed line is skipped, so its entry is checked in
/// full again), and written back atomically by `save()` only when a row changed. Safe to
/// use from several threads.
final class StampTable<Row: StampTableRow>: @unchecked Sendable {
    private let file: URL
    private let version: String
    private let lock = NSLock()
    private var loaded: [String: Row]?
    private var changed = false

    /// The table kept at `file`, whose first line is `version`.
    init(file: URL, version: String) {
        self.file = file
        self.version = version
    }

    /// The row of `name`, if any.
    subscript(name: String) -> Row? {
        lock.withLock { rows[name] }
    }

    /// Sets the row of `name` (nil: removes it); the table is then saved if that changed it.
    func set(_ name: String, _ row: Row?) {
        lock.withLock {
            guard rows[name] != row else { return }
            // In place: `rows[name] = row` would copy every row (its getter's copy shares the
            // storage), once for each entry a build seals.
            loaded![name] = row
            changed = true
        }
    }

    /// Writes the table back when a row changed since it was read.
    func save() throws {
        let text: String? = lock.withLock {
            guard changed else { return nil }
            changed = false
            return ([version] + rows.sorted { $0.key < $1.key }.map { name, row in
                ([name] + row.fields).joined(separator: "\t")
            }).joined(separator: "\n") + "\n"
        }
        guard let text else { return }
        try writeAtomically(to: file) { path in try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
    }

    /// The rows, read from the file on first use. Under `lock`.
    private var rows: [String: Row] {
        if let loaded { return loaded }
        let read = parse((try? Data(contentsOf: file)) ?? Data())
        loaded = read
        return read
    }

    private func parse(_ data: Data) -> [String: Row] {
        var rows: [String: Row] = [:]
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard lines.first == Substring(version) else { return [:] }
        for line in lines.dropFirst() {
            let fields = line.split(separator: "\t")
            guard let name = fields.first, let row = Row(fields: fields.dropFirst()) else { continue }
            rows[String(name)] = row
        }
        return rows
    }
}

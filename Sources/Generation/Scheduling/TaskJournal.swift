import Foundation
import Planning

/// The remote tasks a build has submitted and not yet collected, kept in a JSON file in the
/// cache directory: request digest → task ID.
///
/// A backend records a task before it starts polling it and removes it once the clip is
/// in place or the task is gone, so a build that was stopped polls the same task when it
/// runs again instead of paying for a new one. Every change rewrites the file atomically
/// (temporary file, then rename): the file is always the old or the new journal, never
/// half of one. It holds digests, task IDs and segment IDs, never a credential.
public actor TaskJournal {
    /// One submitted task.
    public struct Entry: Sendable, Hashable, Codable {
        /// The service's task ID.
        public var taskID: String
        /// The segment the task was submitted for (for people reading the file).
        public var segmentID: SegmentID
    }

    /// The journal file.
    public nonisolated let file: URL

    /// The journal `name` in `directory` (created on the first write).
    public init(directory: URL, name: String) {
        self.file = directory.appendingPathComponent(name)
    }

    /// Every entry, by request digest; empty when there is no journal yet.
    public func entries() throws -> [String: Entry] {
        let data: Data
        do { data = try Data(contentsOf: file) } catch CocoaError.fileReadNoSuchFile { return [:] }
        do {
            return try JSONDecoder().decode([String: Entry].self, from: data)
        } catch {
            throw CocoaError(
                .fileReadCorruptFile,
                userInfo: [
                    NSFilePathErrorKey: file.path, NSLocalizedDescriptionKey: "\(file.path) is not a task journal",
                ])
        }
    }

    /// The task recorded for `digest`, if any.
    public func entry(for digest: String) throws -> Entry? {
        try entries()[digest]
    }

    /// Records `entry` for `digest`.
    public func record(_ entry: Entry, for digest: String) throws {
        var all = try entries()
        all[digest] = entry
        try write(all)
    }

    /// Removes the entry for `digest`, if there is one.
    public func remove(_ digest: String) throws {
        var all = try entries()
        guard all.removeValue(forKey: digest) != nil else { return }
        try write(all)
    }

    private func write(_ all: [String: Entry]) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(all).write(to: file, options: .atomic)
    }
}

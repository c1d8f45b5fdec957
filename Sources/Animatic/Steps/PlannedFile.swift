import CutLists
import Foundation
import Generation

/// Bytes a step will write to a file, with what planning needs to know of them: their
/// SHA-256 (the step's key) and whether the file already holds them.
struct PlannedFile: Sendable {
    var data: Data
    var url: URL
    /// `SHA256.hex` of `data`.
    var key: String
    /// Whether the file at `url` holds exactly `data` now.
    var unchanged: Bool

    /// `data` for `url`, hashed and compared with the file there now.
    init(_ data: Data, at url: URL) {
        self.data = data
        self.url = url
        key = SHA256.hex(data)
        unchanged = FileManager.default.contents(atPath: url.path) == data
    }
}

/// The text cut lists planning renders, one format a thread.
enum PlannedCutLists {
    /// `render` of each of `formats`, run side by side (each is a pure function of the
    /// timeline, and a feature's lists are megabytes); a format it gives nil for is left out.
    static func render(
        _ formats: [CutListFormat], _ render: @Sendable (CutListFormat) -> PlannedFile?
    ) -> [CutListFormat: PlannedFile] {
        let results = Results(count: formats.count)
        DispatchQueue.concurrentPerform(iterations: formats.count) { index in
            results.set(index, render(formats[index]))
        }
        return Dictionary(
            zip(formats, results.values).compactMap { format, file in file.map { (format, $0) } },
            uniquingKeysWith: { first, _ in first })
    }

    /// The slots the threads fill, behind a lock.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [PlannedFile?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: PlannedFile?) { lock.withLock { slots[index] = value } }
        var values: [PlannedFile?] { lock.withLock { slots } }
    }
}

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

/// The text cut lists a dry run renders while planning, one format a thread.
enum PlannedCutLists {
    /// `render` of each of `formats`, run side by side (each is a pure function of the
    /// timeline, and a feature's lists are megabytes); a format it gives nil for is left out.
    static func render(
        _ formats: [CutListFormat], _ render: @Sendable (CutListFormat) -> PlannedFile?
    ) -> [CutListFormat: PlannedFile] {
        Dictionary(
            zip(formats, concurrentMap(formats.count) { render(formats[$0]) }).compactMap { format, file in
                file.map { (format, $0) }
            },
            uniquingKeysWith: { first, _ in first })
    }
}

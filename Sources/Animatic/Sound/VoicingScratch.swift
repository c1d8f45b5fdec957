import Foundation

/// Where a voicing made without `storing` keeps its lines until `Voicing.store()` copies them
/// into the cache: a private folder in the system's temporary directory, since a dry run or a
/// refused build creates no cache. Removed when the last voicing that holds it goes.
final class VoicingScratch: Sendable {
    /// The folder, made by `init`.
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("animatic-voicing-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

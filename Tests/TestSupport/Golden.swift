import Foundation

/// Golden files: what a test's output must be, kept in the repository. With
/// `ANIMATIC_RECORD=1` in the environment a test writes its output as the new golden
/// instead (review the diff before committing it).
public enum Golden {
    /// Whether this run records goldens rather than checking them.
    public static var recording: Bool { ProcessInfo.processInfo.environment["ANIMATIC_RECORD"] == "1" }

    /// The golden text at `url` to compare `text` with; or, when recording, nil after
    /// writing `text` there (its directory made if need be).
    public static func expected(_ text: String, at url: URL) throws -> String? {
        guard recording else { return try String(contentsOf: url, encoding: .utf8) }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return nil
    }
}

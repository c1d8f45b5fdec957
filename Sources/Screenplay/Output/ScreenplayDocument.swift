/// The documented, versioned JSON form of a parsed script (`animatic parse --json`).
///
/// Version 1: `{"version": 1, "titlePage": [...], "scenes": [{"heading", "elements", "range"}],
/// "diagnostics": [...]}`. Every element object has a `type`; see `docs/screenplay-json.md`.
public struct ScreenplayDocument: Hashable, Sendable, Codable {
    /// The schema version this build writes.
    public static let currentVersion = 1

    public var version: Int
    public var titlePage: [TitlePageEntry]
    public var scenes: [Scene]
    public var diagnostics: [Diagnostic]

    public init(_ result: ParseResult) {
        self.version = Self.currentVersion
        self.titlePage = result.screenplay.titlePage
        self.scenes = result.screenplay.scenes
        self.diagnostics = result.diagnostics
    }
}

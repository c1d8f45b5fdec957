import Foundation

/// What a build did, written beside the video as `film.report.json` (docs/build-report.md).
public struct BuildReport: Sendable, Codable, Hashable {
    /// The report's schema version.
    public static let currentVersion = 1

    /// One segment's outcome.
    public struct Segment: Sendable, Codable, Hashable {
        /// The segment's ID (`12A-2`).
        public var id: String
        /// Its cache key (SHA-256, hex).
        public var key: String
        /// `generated`, `reused` or `failed`.
        public var status: Status
        /// Why it was generated (`new`, `content changed`…), `cached` when reused, or the
        /// error when it failed.
        public var reason: String
        /// Its length in frames.
        public var frames: Int
        /// Its first frame on the timeline.
        public var startFrame: Int
    }

    /// A segment's outcome.
    public enum Status: String, Sendable, Codable, Hashable {
        case generated, reused, failed
    }

    public var version: Int
    /// The script, as given on the command line.
    public var script: String
    /// The video.
    public var output: String
    /// `width`x`height`.
    public var size: String
    /// The timeline rate (`24`, `29.97`).
    public var frameRate: String
    /// The video's length in frames.
    public var totalFrames: Int
    /// The SHA-256 of everything the video is made from (the plan, the house format and
    /// every segment's key): a rebuild with the same digest and the video present skips
    /// the join.
    public var inputsDigest: String
    /// Whether the video was written by this build (false when it was already up to date,
    /// or when segments failed).
    public var videoWritten: Bool
    /// Segments generated.
    public var generated: Int
    /// Segments taken from the cache.
    public var reused: Int
    /// Segments that failed.
    public var failed: Int
    /// Every segment, in timeline order.
    public var segments: [Segment]

    /// Reads a report; nil when there is none or it cannot be read.
    public static func read(_ url: URL) -> BuildReport? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? JSONDecoder().decode(BuildReport.self, from: data)
    }

    /// The report as pretty-printed JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}

import Foundation
import Planning
import Generation

/// What a build did, written beside the video as `film.report.json` (docs/build-report.md).
public struct BuildReport: Sendable, Codable, Hashable {
    /// The report's schema version.
    public static let currentVersion = 5

    /// One segment's outcome.
    public struct Segment: Sendable, Codable, Hashable {
        /// The segment's ID (`12A-2`).
        public var id: SegmentID
        /// Its cache key (SHA-256, hex).
        public var key: ClipKey
        /// `generated`, `reused`, `failed` or `skipped`.
        public var status: Status
        /// Why it was generated (`new`, `content changed`…), `cached` when reused, the
        /// error when it failed, or which failure stopped the build when it was skipped.
        public var reason: String
        /// Its length in frames.
        public var frames: Int
        /// Its first frame on the timeline.
        public var startFrame: Int
        /// For a segment this build generated: how long its backend took, in seconds (the
        /// measure `--dry-run` estimates GPU time from).
        public var generationSeconds: Double?
        /// For a failed segment: what kind of failure it was, the HTTP status if a service
        /// answered with one, and the message (`reason`), credentials redacted.
        public var failure: SegmentFailure?
        /// For a failed segment of a `--keep-going` build: the cache key of the failure card
        /// that stands in for it in the video (never the segment's own key).
        public var failureCard: ClipKey?
        /// Quality control's record of the clip in use (docs/qc.md): every attempt's
        /// measures and reasons, and which was kept and why. Absent with `--qc off`.
        public var qc: QCRecord?
        /// The quality its clip was made at (`draft` or `final`) in a `--quality` build;
        /// absent otherwise.
        public var quality: QualityLevel?
    }

    /// A shot whose take a review picked.
    public struct PickedShot: Sendable, Codable, Hashable {
        /// The shot's ID (`2A`).
        public var shot: ShotID
        /// The take on the timeline (1-based).
        public var take: Int

        public init(shot: ShotID, take: Int) {
            self.shot = shot
            self.take = take
        }
    }

    /// A segment's outcome.
    public enum Status: String, Sendable, Codable, Hashable {
        /// Made by this build.
        case generated
        /// Taken from the cache.
        case reused
        /// Its backend could not make it, retries included.
        case failed
        /// Not started: an earlier failure stopped the build (without `--keep-going`).
        case skipped
    }

    public var version: Int
    /// The script, as given on the command line.
    public var script: String
    /// The video.
    public var output: String
    /// The backend's name (`cards`, `worker`); absent in reports of older builds.
    public var backend: String?
    /// `width`x`height`.
    public var size: String
    /// The timeline rate (`24`, `29.97`).
    public var frameRate: String
    /// The video's length in frames.
    public var totalFrames: Int
    /// The SHA-256 of everything the video is made from (the plan, the house format and
    /// every segment's key): a rebuild with the same digest and the video `video` records
    /// skips the join. Empty when segments failed, so that the next build never takes a
    /// video with failure cards in it for up to date; and empty in the report a build
    /// writes before it replaces any output, so that a stop anywhere makes the next build
    /// redo the outputs.
    public var inputsDigest: String
    /// The video this report describes — its size, modification time and SHA-256 — when
    /// the build wrote one or found it up to date.
    public var video: VideoRecord?
    /// Whether the video was written by this build (false when it was already up to date,
    /// or when a failure stopped the build; true with failure cards in it under `--keep-going`).
    public var videoWritten: Bool
    /// Segments generated.
    public var generated: Int
    /// Segments taken from the cache.
    public var reused: Int
    /// Segments that failed.
    public var failed: Int
    /// Segments not started because a failure stopped the build.
    public var skipped: Int
    /// The shots a review file revised (docs/review.md), in timeline order.
    public var revisedShots: [ShotID]
    /// The shots whose take a review file picked, in timeline order.
    public var pickedShots: [PickedShot]
    /// Every segment on the timeline (of each shot's picked take), in timeline order.
    public var segments: [Segment]
    /// The segments of the takes not on the timeline, take by take in timeline order
    /// (`12A-1.take2`); the counts above include them.
    public var takes: [Segment]
    /// With quality control on, how it ranks each shot's takes (docs/qc.md, "Takes"), in
    /// timeline order: the best is on the timeline unless the review file picks another.
    /// Absent with QC off and when no shot has takes.
    public var takeRankings: [TakeRanking]?

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

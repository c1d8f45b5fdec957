import Generation
import Planning

/// One output of a build, decided before any work starts (the way swift-driver plans its
/// jobs): what kind of work makes it, which steps it needs first, the file it writes, the
/// key that names its content, and whether and why it runs.
public struct BuildStep: Sendable, Hashable {
    /// The kinds of work a build does.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A backend makes one segment's clip.
        case generate
        /// A backend's clip is made into the house format in the cache.
        case conform
        /// Quality control analyses a clip in the cache, and may have it made again (docs/qc.md).
        case qc
        /// Under `--keep-going`, a failure card drawn into the cache when a segment's clip fails.
        case failureCard = "failure-card"
        /// The soundtrack's AAC chunks not yet in the cache, encoded into it for the video.
        case soundtrack
        /// The clips the video uses are settled (quality control places the takes) and the
        /// report stops vouching for the old outputs.
        case join
        /// The clips joined end to end with their subtitle, timecode, chapter and sound
        /// tracks, in one pass: the video.
        case tracks
        /// The video's size and SHA-256 for the report, read beside the steps that follow
        /// the video rather than before them (a feature's video is tens of megabytes).
        case digest
        /// The plan JSON beside the video.
        case plan
        /// The per-segment media directory beside the video.
        case media
        /// A shot's thumbnail, cached beside its clip.
        case thumbnail
        /// A contact sheet page drawn into the cache, unless there: it waits for every clip
        /// rather than the video, so pages are drawn while the video is joined.
        case sheetDraw = "sheet-draw"
        /// A contact sheet page, drawn by its `sheetDraw` step, placed beside the video.
        case sheetPage = "sheet-page"
        /// A cut list beside the video.
        case cutList = "cut-list"
        /// The build report beside the video.
        case report
        /// The make dependency file.
        case depfile
    }

    /// `kind` and the name of what it makes (`generate 1A-1`, `cut-list film.edl`):
    /// unique within a build.
    public var id: String
    /// What kind of work it is.
    public var kind: Kind
    /// The steps whose outputs it reads, by ID.
    public var inputs: [String]
    /// The file or directory it writes (cache entries as their path in the cache).
    public var output: String
    /// The SHA-256 (hex) naming what it makes: its content's inputs, or the bytes it writes;
    /// nil when that is known only once its inputs are made (a page of new thumbnails).
    public var key: String?
    /// Whether it runs and why.
    public var status: Status
    /// For a generate step: the backend and what it is asked for.
    public var generation: Generation?

    /// Whether a step runs.
    public enum Status: Sendable, Hashable, CustomStringConvertible {
        /// Its output is there with the content its key names.
        case upToDate
        /// It runs, for this reason.
        case runs(BuildPlan.Reason)
        /// It runs only if a step it reads fails (a failure card under `--keep-going`).
        case ifInputFails

        /// Whether the step runs (when every request succeeds).
        public var runs: Bool {
            if case .runs = self { true } else { false }
        }

        /// `up-to-date`, `if-input-fails`, or the reason's code (`BuildPlan.Reason.code`).
        public var code: String {
            switch self {
            case .upToDate: "up-to-date"
            case .ifInputFails: "if-input-fails"
            case let .runs(reason): reason.code
            }
        }

        /// `up to date`, `only if its input fails`, or the reason (`BuildPlan.Reason.description`).
        public var description: String {
            switch self {
            case .upToDate: "up to date"
            case .ifInputFails: "only if its input fails"
            case let .runs(reason): reason.description
            }
        }
    }

    /// A generate step's request, as its backend gets it.
    public struct Generation: Sendable, Hashable {
        /// The backend's name (`cards`, `dashscope`).
        public var backend: String
        /// The segment's ID.
        public var segmentID: SegmentID
        /// The prompt.
        public var prompt: String
        /// The negative prompt.
        public var negativePrompt: String
        /// The seed.
        public var seed: Int
        /// The clip's length in frames.
        public var frames: Int
        /// The clip's length in seconds at the timeline rate.
        public var seconds: Double
        /// Frames of the same shot before this segment.
        public var shotStartFrame: Int
        /// `width`x`height`.
        public var size: String
        /// For a backend that starts from an image: the segment whose last frame it starts from.
        public var continues: SegmentID?
        /// What the request costs (billed or GPU seconds); nil when the backend costs nothing to estimate.
        public var charge: RequestCharge?
        /// In a `--quality` build, the quality it is made at; nil otherwise.
        public var quality: QualityLevel?
    }
}

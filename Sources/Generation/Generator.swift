import Foundation
import Media
import Planning

/// A backend that turns one segment into one video file.
///
/// The built-in `StoryboardRenderer` draws a card; other backends run a local model or call
/// a hosted service. The build calls `generate(_:to:)` for every segment whose clip is not
/// in the cache, with at most `capabilities.maxParallelJobs` calls running at once, and
/// conforms the result to the house format unless `capabilities.writesHouseFormat` says it
/// already is.
public protocol Generator: Sendable {
    /// The backend's short name (`cards`), part of every cache key.
    var name: String { get }
    /// Everything besides the request that shapes the backend's pixels (model, version,
    /// fonts, layout), as text. Never a secret.
    var settings: String { get }
    /// What the backend is given for `request`, as bytes that change exactly when what it
    /// is asked for does: the clip's cache key is a hash of them (`ClipCache.key`). Holds
    /// nothing that only names the clip or where it goes (segment ID, output and reference
    /// image paths), so an edit the backend never sees (a card's caption for a hosted
    /// model) does not pay for the same clip again. Never a secret. Throws when the
    /// material cannot be encoded.
    func keyMaterial(for request: GenerationRequest) throws -> Data
    /// What making `request` costs: billed seconds of a hosted model, or seconds of video
    /// made on local GPUs; nil when it costs nothing worth estimating (the built-in cards).
    func charge(for request: GenerationRequest) -> RequestCharge?
    /// Whether `request`, a continuation, is made from the previous segment's last frame
    /// (`referenceImage`): then its key holds its predecessor's and it waits for that clip.
    func startsFromImage(_ request: GenerationRequest) -> Bool
    /// What the backend can make.
    var capabilities: GeneratorCapabilities { get }
    /// Files the backend reads whose contents shape its pixels (fonts, workflows): listed
    /// in the build's dependency file.
    var inputFiles: [URL] { get }

    /// Makes the clip for `request` at `destination`, atomically: when it throws (including
    /// `CancellationError`), nothing is left at `destination`.
    func generate(_ request: GenerationRequest, to destination: URL) async throws
    /// Makes the clip as `generate(_:to:)` does; with `analysing`, a backend that draws the
    /// frames it encodes (the built-in cards) also returns quality control's measures of
    /// them (`ClipAnalysis`), so that the clip need not be decoded again to be checked.
    /// Nil when the backend does not hold its frames: by default, and always without
    /// `analysing`.
    func generate(_ request: GenerationRequest, to destination: URL, analysing: Bool) async throws -> ClipMeasures?
}

extension Generator {
    /// By default, the clip without measures: the backend's frames are not in hand.
    public func generate(_ request: GenerationRequest, to destination: URL, analysing: Bool) async throws
        -> ClipMeasures?
    {
        try await generate(request, to: destination)
        return nil
    }

    /// By default, nothing worth estimating.
    public func charge(for request: GenerationRequest) -> RequestCharge? { nil }

    /// By default, what `capabilities.imageToVideo` says for every request.
    public func startsFromImage(_ request: GenerationRequest) -> Bool { capabilities.imageToVideo }

    /// By default, the settings and the whole segment content (prompt, seed, frames, card)
    /// with the shot-relative start frame: anything that could shape the pixels.
    public func keyMaterial(for request: GenerationRequest) throws -> Data {
        try CanonicalJSON.data(DefaultKeyMaterial(
            settings: settings, shotStartFrame: request.shotStartFrame, content: request.content))
    }
}

private struct DefaultKeyMaterial: Encodable {
    var settings: String
    var shotStartFrame: Int
    var content: SegmentContent
}

/// What a backend can make; the planner sizes segments to fit and the build schedules
/// within it.
public struct GeneratorCapabilities: Sendable, Hashable, Codable {
    /// The frame sizes it makes, as `width`×`height`; nil when it makes any size asked.
    public var sizes: [FrameSize]?
    /// The frame rates it makes; nil when it makes any rate asked.
    public var frameRates: [Rational]?
    /// The longest clip it makes, in milliseconds; nil when there is no limit.
    public var longestClipMilliseconds: Int?
    /// How many requests may run at once; nil when only the machine limits it.
    public var maxParallelJobs: Int?
    /// Whether it can start a clip from a reference image (the previous segment's last frame).
    public var imageToVideo: Bool
    /// Whether its files are already in the house format of the request (no conform step).
    public var writesHouseFormat: Bool
    /// Whether it takes the segment's audio to drive the picture (a template with `{audio}`).
    public var drivingAudio: Bool

    /// Capabilities as listed.
    public init(
        sizes: [FrameSize]? = nil, frameRates: [Rational]? = nil, longestClipMilliseconds: Int? = nil,
        maxParallelJobs: Int? = nil, imageToVideo: Bool = false, writesHouseFormat: Bool = false,
        drivingAudio: Bool = false
    ) {
        self.sizes = sizes
        self.frameRates = frameRates
        self.longestClipMilliseconds = longestClipMilliseconds
        self.maxParallelJobs = maxParallelJobs
        self.imageToVideo = imageToVideo
        self.writesHouseFormat = writesHouseFormat
        self.drivingAudio = drivingAudio
    }
}

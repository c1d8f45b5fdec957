import Foundation
import Media
import Planning

/// One segment to generate: what the segment shows and the format to make it in.
///
/// Everything here shapes the pixels and is part of the segment's cache key, except the
/// segment ID and the reference image, which only say which clip this is and where the
/// previous one ended.
public struct GenerationRequest: Sendable, Hashable {
    /// The segment's ID (`12A-2`), for messages and file names.
    public var segmentID: SegmentID
    /// Prompt, negative prompt, seed, frames, rate and card: the segment's content.
    public var content: SegmentContent
    /// Frames of the same shot before this segment: 0 for a shot's first segment. A
    /// continuation's camera move goes on from here rather than starting again.
    public var shotStartFrame: Int
    /// The house format: size and rate of the clip.
    public var format: HouseFormat
    /// The last frame of the previous segment of the same shot, for backends that can
    /// start from an image; nil for a shot's first segment or when none is available.
    public var referenceImage: URL?
    /// The segment's audio (a WAV) for a backend driven by audio; made just before the
    /// segment is generated, like the reference image.
    public var drivingAudio: URL?
    /// What `drivingAudio` holds (the voices and music in the segment's stretch), part of
    /// the cache key when the backend takes audio; nil otherwise.
    public var drivingAudioKey: String?

    /// A request for `content` in `format`.
    public init(
        segmentID: SegmentID, content: SegmentContent, shotStartFrame: Int, format: HouseFormat,
        referenceImage: URL? = nil
    ) {
        self.segmentID = segmentID
        self.content = content
        self.shotStartFrame = shotStartFrame
        self.format = format
        self.referenceImage = referenceImage
    }

    /// The requests for every segment of `plan` (of each shot's picked take), in plan order,
    /// at `format`.
    public static func all(in plan: Plan, format: HouseFormat) -> [GenerationRequest] {
        plan.shots.flatMap { requests(for: $0.segments, frameRate: plan.frameRate, format: format) }
    }

    /// The requests for the segments of every take not on the timeline, take by take in
    /// plan order, at `format`.
    public static func otherTakes(in plan: Plan, format: HouseFormat) -> [GenerationRequest] {
        plan.shots.flatMap { shot in
            (shot.otherTakes ?? []).flatMap { requests(for: $0.segments, frameRate: plan.frameRate, format: format) }
        }
    }

    /// The requests for one take's segments, in order.
    private static func requests(for segments: [Segment], frameRate: FrameRate, format: HouseFormat) -> [GenerationRequest] {
        var start = 0
        return segments.map { segment in
            defer { start += segment.frames }
            return GenerationRequest(
                segmentID: segment.id, content: segment.content(frameRate: frameRate), shotStartFrame: start, format: format)
        }
    }
}

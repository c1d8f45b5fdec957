/// One variant of a shot for the director to choose from (`takes: 3`, or one per style in
/// `styles: noir | pastel`): the same shot with its own seed, and its own style when the
/// shot has styles. Take 1 keeps the shot's own seed, so a shot given takes keeps its
/// first clip.
public struct Take: Hashable, Sendable, Codable {
    /// 1-based.
    public var number: Int
    /// The seed of every segment of the take.
    public var seed: Int
    /// The style this take's prompts carry.
    public var style: String?
    /// Its segments, IDs marked with the take: `12A-1.take2` (take 1's are the shot's own, `12A-1`).
    public var segments: [Segment]

    public init(number: Int, seed: Int, style: String?, segments: [Segment]) {
        self.number = number
        self.seed = seed
        self.style = style
        self.segments = segments
    }

    /// `12A-1` for take 1, `12A-1.take2` for take 2: a segment's ID in take `number`,
    /// also its media file's name (`film.media/12A-1.take2.mp4`).
    public static func segmentID(_ base: SegmentID, take number: Int) -> SegmentID {
        number == 1 ? base : SegmentID("\(base).take\(number)")
    }
}

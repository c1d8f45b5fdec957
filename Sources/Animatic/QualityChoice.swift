import Generation
import Planning

/// Which segments a `--quality` build makes at which quality: with `--quality draft`, every
/// one a draft; with `--quality final`, the timeline's segments of the shots the review file
/// approved (`status: approved`) or picked a take of (`pick`) are finals, and the rest keep
/// their drafts (made as drafts if the cache lacks them); `--all` makes every segment final.
public struct QualityChoice: Sendable, Hashable {
    /// The quality asked for.
    public var level: QualityLevel
    /// The segments made at the final quality, by ID.
    public var finalSegments: Set<SegmentID>

    /// The choice for `level` over `plan`, with `review` (nil without a review file) saying
    /// which shots are approved or picked, or `all` of them.
    public init(level: QualityLevel, plan: Plan, review: Review?, all: Bool) {
        self.level = level
        guard level == .final else {
            finalSegments = []
            return
        }
        if all {
            finalSegments = Set(plan.shots.flatMap { shot in
                shot.segments.map(\.id) + (shot.otherTakes ?? []).flatMap { $0.segments.map(\.id) }
            })
            return
        }
        let chosen = Set((review?.entries ?? []).filter { $0.status == .approved || $0.pick != nil }.map(\.shotID))
        finalSegments = Set(plan.shots.filter { chosen.contains($0.id) }.flatMap { $0.segments.map(\.id) })
    }

    /// The quality segment `id` is made at.
    public func quality(of id: SegmentID) -> QualityLevel {
        finalSegments.contains(id) ? .final : .draft
    }
}

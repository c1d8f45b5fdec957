import Foundation
import Media
import Planning

/// The clip that stands in for a segment whose generation failed (`animatic build
/// --keep-going`): a dark red card saying GENERATION FAILED, with the shot and segment,
/// the backend and the reason, exactly as long as the segment, so the animatic keeps its
/// timing. Drawn by the storyboard renderer (`StoryboardRenderer.render(_:to:)`).
public struct FailureCard: Sendable, Hashable {
    /// Bumped whenever a change to the drawing changes pixels or the clip's bytes: part of
    /// every card's key. 2: the card's clip repeats its first keyframe interval.
    public static let version = 2

    /// The request of the segment the card stands in for: its IDs, frames and format.
    public var request: GenerationRequest
    /// The segment's own cache key, which the card is never stored under.
    public var segmentKey: ClipKey
    /// The backend that failed (`command`).
    public var backend: String
    /// Why it failed, as the build reports it (with no secret in it).
    public var reason: String

    /// The card for `request` (cached under `segmentKey`) that `backend` failed to make, and why.
    public init(request: GenerationRequest, segmentKey: ClipKey, backend: String, reason: String) {
        self.request = request
        self.segmentKey = segmentKey
        self.backend = backend
        self.reason = reason
    }
}

extension StoryboardRenderer {
    /// What a failure card's key is a hash of: everything drawn on it, the drawing's
    /// version, the renderer's fonts and the segment's key (its frames and format).
    private struct FailureCardKeyMaterial: Encodable {
        var kind = "failure card"
        var version = FailureCard.version
        var renderer: String
        var segmentKey: ClipKey
        var segmentID: SegmentID
        var shotID: ShotID
        var backend: String
        var reason: String
    }

    /// The cache key of `card`: the SHA-256 (hex) of the canonical JSON of what it draws
    /// and how. It is never the segment's key, and changes with the reason.
    public func key(for card: FailureCard) throws -> ClipKey {
        let material = FailureCardKeyMaterial(
            renderer: settings, segmentKey: card.segmentKey, segmentID: card.request.segmentID,
            shotID: card.request.content.card.shotID, backend: card.backend, reason: card.reason)
        return ClipKey(SHA256.hex(try CanonicalJSON.data(material)))
    }

    /// The filter graph and drawtext options for `card` (what `render(_:to:)` renders).
    public func graph(for card: FailureCard) -> (graph: String, filterOptions: [String: [String: String]]) {
        let drawing = FailureCardGraph(card: card, fonts: fonts)
        return (drawing.graph, drawing.filterOptions)
    }

    /// Renders `card` to `destination`, atomically: the segment's frame count in its house
    /// format, one picture drawn and encoded once and held.
    public func render(_ card: FailureCard, to destination: URL) async throws {
        let drawing = FailureCardGraph(card: card, fonts: fonts)
        try await FilterGraphRenderer(format: card.request.format).renderStill(
            graph: drawing.graph, frames: card.request.content.frames, filterOptions: drawing.filterOptions,
            to: destination)
    }
}

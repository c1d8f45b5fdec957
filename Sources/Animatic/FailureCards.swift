import Foundation
import Generation

/// With `--keep-going`, the failure cards that stand in for the segments that failed: each
/// drawn by the storyboard renderer at its segment's frame count and format, and cached
/// under its own key (`StoryboardRenderer.key(for:)`: the segment's key, its IDs, the
/// backend and the reason), never under the segment's key. So the next build finds no
/// clip for the segment and tries it again, while a segment failing again for the same
/// reason reuses its card, and the card can be linked into `film.media/` like any clip.
struct FailureCards: Sendable {
    var renderer = StoryboardRenderer()
    var cache: ClipCache

    /// Makes (or finds in the cache) the card for every item that has an entry in
    /// `failures` (segment ID → reason), for `backend`; returns each card's key, by segment ID.
    func make(
        for items: [BuildPlan.Item], failures: [String: String], backend: String
    ) async throws -> [String: String] {
        var keys: [String: String] = [:]
        for item in items {
            guard let reason = failures[item.segmentID] else { continue }
            let card = FailureCard(request: item.request, segmentKey: item.key, backend: backend, reason: reason)
            let key: String
            do { key = try renderer.key(for: card) } catch {
                throw AnimaticError(.internalFailure, "cannot encode the failure card of \(item.segmentID) for its key: \(error)")
            }
            // A card feeds the video being written now: its content is checked, not just its header.
            if cache.state(of: key, frames: item.frames, format: item.request.format) != .valid
                || cache.verify(cache.url(for: key)) != nil
            {
                do {
                    try cache.prepareEntry(key)
                    try await renderer.render(card, to: cache.url(for: key))
                } catch let error as CancellationError {
                    throw error
                } catch {
                    throw AnimaticError(.cannotCreate, "cannot draw the failure card for \(item.segmentID): \(error)")
                }
                if case let .corrupt(why) = cache.admit(key, frames: item.frames, format: item.request.format) {
                    throw AnimaticError(.internalFailure, "the failure card for \(item.segmentID) \(why)")
                }
            }
            keys[item.segmentID] = key
        }
        return keys
    }
}

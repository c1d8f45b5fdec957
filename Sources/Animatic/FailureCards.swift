import Foundation
import Generation

/// With `--keep-going`, the failure card that stands in for a timeline segment that failed:
/// drawn by the storyboard renderer at its segment's frame count and format, and cached
/// under its own key (`StoryboardRenderer.key(for:)`: the segment's key, its IDs, the
/// backend and the reason), never under the segment's key. So the next build finds no
/// clip for the segment and tries it again, while a segment failing again for the same
/// reason reuses its card, and the card can be linked into `film.media/` like any clip.
extension Builder {
    /// The failure card step of `item`: when its clip failed (its reason is in the run's
    /// outcome), makes or finds the card in the cache and records its key for the steps
    /// that use the clip; otherwise does nothing.
    func failureCardStep(_ item: BuildPlan.Item, run: BuildRun) async throws -> URL? {
        guard let reason = run.update({ $0.outcome.failures[item.segmentID]?.message }) else { return nil }
        let cache = run.context.cache, renderer = StoryboardRenderer()
        let card = FailureCard(request: item.request, segmentKey: item.key, backend: generator.name, reason: reason)
        let key: ClipKey
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
        run.update { $0.cards[item.segmentID] = key }
        return nil
    }
}

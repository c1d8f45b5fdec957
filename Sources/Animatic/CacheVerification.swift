import Foundation
import Generation

extension BuildPlan {
    /// The plan with every reused entry's content checked against its recorded digest:
    /// an entry that fails is discarded and its segment generated again (`entryCorrupt`).
    /// Run when the clips are about to feed a new video or `film.media/`, never on a
    /// build with nothing to do, so that a no-op stays a stat per entry.
    func verifyingReused(in cache: ClipCache) -> BuildPlan {
        var plan = self
        // The takes beside the timeline go into film.media/ too.
        let all = items + takeItems
        let reused = all.indices.filter { all[$0].action == .reuse }
        // One digest per core at a time: a feature's clips are hundreds of megabytes.
        let problems = concurrentMap(reused.count) { cache.verify(cache.url(for: all[reused[$0]].key)) }
        for (index, item) in reused.enumerated() {
            guard let why = problems[index] else { continue }
            cache.discard(cache.url(for: all[item].key))
            if item < items.count {
                plan.items[item].action = .generate(.entryCorrupt(why))
            } else {
                plan.takeItems[item - items.count].action = .generate(.entryCorrupt(why))
            }
        }
        return plan
    }
}


/// What a build tells its progress display, as it happens.
public enum BuildEvent: Sendable {
    /// The script was planned: `segments` in all, `toGenerate` of them to generate.
    case planned(segments: Int, toGenerate: Int, frames: Int)
    /// A segment's clip is in the cache and will be reused.
    case segmentCached(id: String)
    /// Another build holds the cache; this one waits for it.
    case waitingForCache
    /// A segment was generated (or failed, with the error), `done` of `total` so far.
    case segmentFinished(id: String, reason: String, error: String?, done: Int, total: Int)
    /// A stage ended, with a line saying what it did.
    case stage(String)
}

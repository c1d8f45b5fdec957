import Foundation
import Planning

/// What a build tells its progress display, as it happens: values, never sentences (the
/// display words them).
public enum BuildEvent: Sendable {
    /// A step of the build's plan (`StepPlan`, what `--dry-run` lists) finished, by its ID:
    /// it did its work, found it done, or (`failed`) could not.
    case stepFinished(id: String, failed: Bool)
    /// The script was planned: `segments` in all, `toGenerate` of them to generate.
    case planned(segments: Int, toGenerate: Int, frames: Int)
    /// A segment's clip is in the cache and will be reused.
    case segmentCached(id: SegmentID)
    /// Another build holds the cache; this one waits for it.
    case waitingForCache
    /// The backend says `fraction` (0…1) of a running segment is made (a worker's or
    /// ComfyUI's progress); some backends never say.
    case segmentProgress(id: SegmentID, fraction: Double)
    /// A segment was generated for `reason` (or failed, with the error), `done` of `total` so far.
    case segmentFinished(id: SegmentID, reason: BuildPlan.Reason, error: SegmentFailure?, done: Int, total: Int)
    /// A segment failed and, without `--keep-going`, no new segment starts.
    case stopping(failed: SegmentID)
    /// Generation ended: `made` of `requested` segments made, in `seconds`.
    case generated(made: Int, requested: Int, failed: Int, notStarted: Int, seconds: Double)
    /// Quality control judged a segment's clip (`analysed` false: from its cached record);
    /// `decoded` clips were decoded from their files to be analysed (the rest were
    /// measured as they were made).
    case qualityChecked(id: SegmentID, record: QCRecord, analysed: Bool, decoded: Int)
    /// Quality control ranked a shot's takes: the best is on the timeline unless the
    /// review file picks another.
    case takesRanked(TakeRanking)
    /// The backend could not make a quality-control retake of a segment.
    case retakeFailed(id: SegmentID, seed: Int, error: String)
    /// Failure cards stand in for these segments.
    case failureCards(segments: [SegmentID])
    /// The video (as the user named it) was already up to date.
    case videoUpToDate(name: String)
    /// The video was written, `frames` long.
    case videoWritten(name: String, frames: Int)
    /// The cut lists were written in `seconds`, making `thumbnails` thumbnails and drawing
    /// `pages` contact sheet pages.
    case cutListsWritten(files: [URL], thumbnails: Int, pages: Int, seconds: Double)
}

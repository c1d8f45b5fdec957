import CutLists
import Foundation

/// What a build step works on: enough for the executor's job to do the step's work. Kept
/// beside each `BuildStep` of a `StepPlan` (steps are values for people and programs; their
/// subjects are for the build).
enum StepSubject: Sendable {
    /// A segment's clip from its backend (`generate`), into the house format (`conform`),
    /// under quality control (`qc`).
    case generate(BuildPlan.Item)
    case conform(BuildPlan.Item)
    case qc(BuildPlan.Item)
    /// The failure card that stands in for a timeline segment whose clip failed.
    case failureCard(BuildPlan.Item)
    /// The clips settled, then joined end to end with their tracks in one pass: the video.
    case join
    /// The soundtrack's missing AAC chunks.
    case soundtrack
    case tracks
    /// The video's record (`VideoRecord`) for the report.
    case digest
    case plan
    case media
    /// A shot's thumbnail.
    case thumbnail(ShotFrame)
    /// Page `index` of the contact sheet, showing `frames`, drawn into the cache.
    case sheetDraw(index: Int, frames: [ShotFrame])
    /// Page `index` of the contact sheet, showing `frames`, placed at `url`; `pages` are
    /// every page of the sheet (pages beyond the last are removed once it is placed).
    case sheetPage(index: Int, frames: [ShotFrame], url: URL, pages: [URL])
    /// A text cut list.
    case cutList(CutListFormat)
    case depfile
    case report
}

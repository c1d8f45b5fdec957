import Foundation

extension Builder {
    /// What a `--keep-going` build with failures says: a failure card stands in for a
    /// failed segment on the timeline; a failed take is left out of the media.
    func keptGoingMessage(_ first: BuildPlan.Item, buildPlan: BuildPlan, outcome: GenerationOutcome) -> String {
        let count = outcome.failures.count, reason = outcome.failures[first.segmentID]?.message ?? ""
        let takes = buildPlan.takeItems.count { outcome.failures[$0.segmentID] != nil }
        let media = settings.mediaDirectory.lastPathComponent
        switch (count, takes) {
        case (1, 0): return "\(first.segmentID) failed: \(reason); a failure card stands in for it in \(settings.outputName)"
        case (1, _): return "\(first.segmentID) failed: \(reason); the take is left out of \(media)"
        case (_, 0):
            return "\(count) segments failed; failure cards stand in for them in \(settings.outputName); the first, "
                + "\(first.segmentID): \(reason)"
        case (_, count):
            return "\(count) takes failed and are left out of \(media); the first, \(first.segmentID): \(reason)"
        default:
            return "\(count) segments failed (\(takes) of them takes, left out of \(media)); failure cards stand in for "
                + "the others in \(settings.outputName); the first, \(first.segmentID): \(reason)"
        }
    }

    /// `1 more segment failed; 2 segments not started; `: what else happened when a failure
    /// stopped the build, or nothing.
    func stopSummary(_ outcome: GenerationOutcome) -> String {
        let others = outcome.failures.count - 1, unstarted = outcome.notStarted.count
        return (others > 0 ? "\(others) more segment\(others == 1 ? "" : "s") failed; " : "")
            + (unstarted > 0 ? "\(unstarted) segment\(unstarted == 1 ? "" : "s") not started; " : "")
    }
}

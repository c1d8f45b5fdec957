import Foundation
import Planning

extension Plan {
    /// This plan with each shot's take that quality control put on the timeline of the
    /// build whose report is `report` (its `takeRankings` chosen by `qc`), for the commands
    /// that write or read a cut list without building: `animatic export` then names the
    /// clips the build wrote to `film.media/`, as the build's own cut lists do, and
    /// `review --import` compares an editor's cut with them, so QC's take in the cut is
    /// not taken for the editor's pick. A shot the review file picks a take of keeps its
    /// pick, as in a build; a shot the report does not rank, or whose chosen take this plan
    /// lacks, keeps take 1.
    public func placingTakes(chosenIn report: BuildReport?) -> Plan {
        let chosen = Dictionary(
            (report?.takeRankings ?? []).filter { $0.chosenBy == "qc" }.map { ($0.shot.rawValue, $0.onTimeline) }
        ) { first, _ in first }
        guard !chosen.isEmpty else { return self }
        var plan = self
        for index in plan.shots.indices where plan.shots[index].picked == nil {
            if let take = chosen[plan.shots[index].id] { plan.shots[index] = plan.shots[index].puttingOnTimeline(take: take) }
        }
        return plan
    }
}

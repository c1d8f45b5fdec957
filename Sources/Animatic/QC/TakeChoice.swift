import Planning

extension Builder {
    /// `plan` and `buildPlan` with the best-ranked take of each shot on the timeline
    /// (docs/qc.md, "Takes"): for every shot with takes that the review file does not pick
    /// one of, the takes are ranked by their segments' QC records (`TakeRanking`) and the
    /// best is put on the timeline, the others beside it. With QC off, or no shot with
    /// takes, nothing changes.
    ///
    /// Before generation (`outcome` nil) it decides only when every clip is in the cache,
    /// so that a build with nothing to make edits the same takes as the build before it;
    /// after generation (`outcome` given) from every take whose segments were made or
    /// reused, and it tells the progress display how each shot's takes rank.
    func qcPlacingTakes(_ plan: Plan, _ buildPlan: BuildPlan, outcome: GenerationOutcome? = nil) -> (Plan, BuildPlan) {
        guard qcPolicy.analyses, plan.shots.contains(where: { $0.otherTakes != nil }),
              outcome != nil || buildPlan.toGenerate.isEmpty
        else { return (plan, buildPlan) }
        let items = Dictionary((buildPlan.items + buildPlan.takeItems).map { ($0.segmentID, $0) }) { first, _ in first }
        var chosen = plan
        for index in chosen.shots.indices where chosen.shots[index].otherTakes != nil {
            let shot = chosen.shots[index]
            var records: [SegmentID: QCRecord] = [:]
            for segment in shot.allTakes.flatMap(\.segments) {
                guard let item = items[segment.id], outcome?.failures[item.segmentID] == nil,
                      outcome?.notStarted.contains(item.segmentID) != true, let record = qcRecord(item)
                else { continue }
                records[item.segmentID] = record
            }
            guard let ranking = TakeRanking.rank(shot, records: records, thresholds: settings.qcThresholds) else { continue }
            chosen.shots[index] = shot.puttingOnTimeline(take: ranking.onTimeline)
            if outcome != nil { events(.takesRanked(ranking)) }
        }
        return (chosen, buildPlan.arranged(as: chosen))
    }
}

extension BuildPlan {
    /// The same items arranged as `plan` has its takes: each shot's segments on the timeline
    /// in `items`, the others' in `takeItems`. A take's segment starts where its shot's
    /// segment of the same number does, so the items keep their start frames.
    func arranged(as plan: Plan) -> BuildPlan {
        let byID = Dictionary((items + takeItems).map { ($0.segmentID, $0) }) { first, _ in first }
        return BuildPlan(
            items: plan.shots.flatMap(\.segments).compactMap { byID[$0.id] },
            takeItems: plan.shots.flatMap { ($0.otherTakes ?? []).flatMap(\.segments) }.compactMap { byID[$0.id] })
    }
}

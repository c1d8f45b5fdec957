import CutLists
import Planning

/// Which take of each shot the outputs of a build use: the plan and segments arranged so,
/// and what the thumbnail and cut list steps look up in them. A run starts with its
/// context's (quality control decides before generation only when every clip is cached)
/// and takes quality control's choice once generation has ended (`Builder.placeTakes`).
struct TakePlacement: Sendable {
    var plan: Plan
    var buildPlan: BuildPlan
    /// The timeline's segments by ID.
    var timelineItems: [SegmentID: BuildPlan.Item]
    /// The cut lists' timeline, laid once for every cut list step; nil when the build writes none.
    var timeline: Timeline?
    /// The frame each shot's thumbnail shows, by shot ID.
    var shotFrames: [ShotID: ShotFrame]

    /// `plan` and `buildPlan` as a build with `settings` lays them on its timeline (`withAudio`: with the WAVs).
    init(plan: Plan, buildPlan: BuildPlan, settings: BuildSettings, withAudio: Bool) {
        self.plan = plan
        self.buildPlan = buildPlan
        timelineItems = Dictionary(buildPlan.items.map { ($0.segmentID, $0) }, uniquingKeysWith: { first, _ in first })
        timeline = settings.cutLists.isEmpty ? nil : CutListExport.timeline(plan, settings: settings, withAudio: withAudio)
        shotFrames = CutListExport.needsThumbnails(settings)
            ? Dictionary((timeline?.shotFrames ?? []).map { ($0.shotID, $0) }, uniquingKeysWith: { first, _ in first })
            : [:]
    }
}

extension Builder {
    /// Puts on the timeline of `run` the take of each shot that quality control ranks best
    /// among the takes made or reused (`qcPlacingTakes`), once: when generation has ended
    /// (the join waits for every clip) or a failure stopped it.
    func placeTakes(_ run: BuildRun) {
        let outcome = run.update { state -> GenerationOutcome? in
            if state.takesPlaced { return nil }
            state.takesPlaced = true
            return state.outcome
        }
        guard let outcome else { return }
        let (plan, buildPlan) = qcPlacingTakes(run.context.plan, run.context.buildPlan, outcome: outcome)
        let placement = TakePlacement(
            plan: plan, buildPlan: buildPlan, settings: settings, withAudio: run.context.voicing != nil)
        run.update { $0.placement = placement }
    }
}

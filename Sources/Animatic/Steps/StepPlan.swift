import CutLists
import Foundation
import Generation
import Planning

/// Every step of a build, in dependency order, and what the steps that run would ask of
/// each backend: what `animatic build --dry-run` prints. Made by reading only (the
/// previous report, the cache's entries, the outputs beside the video); it writes nothing,
/// not even the cache directory.
public struct StepPlan: Sendable {
    /// Every step, each after the steps it needs.
    public var steps: [BuildStep]

    /// What the generate steps that run ask of one backend: the figures a cost estimate needs.
    public struct BackendTotal: Sendable, Hashable {
        /// The backend's name.
        public var backend: String
        /// Requests it gets.
        public var requests: Int
        /// Frames it makes.
        public var frames: Int
        /// Seconds of video it makes, at the timeline rate.
        public var seconds: Double
    }

    /// One total per backend that gets a request, by name.
    public var totals: [BackendTotal] {
        var byBackend: [String: BackendTotal] = [:]
        for step in steps where step.status.runs {
            guard let generation = step.generation else { continue }
            var total = byBackend[generation.backend]
                ?? BackendTotal(backend: generation.backend, requests: 0, frames: 0, seconds: 0)
            total.requests += 1
            total.frames += generation.frames
            total.seconds += generation.seconds
            byBackend[generation.backend] = total
        }
        return byBackend.values.sorted { $0.backend < $1.backend }
    }

    /// The steps that run.
    public var running: [BuildStep] { steps.filter(\.status.runs) }

    /// What each step works on, by position in `steps`: what the build's executor needs
    /// to make the step's job (`Builder.job(for:)`).
    var subjects: [StepSubject] = []
    /// The cut list record the steps were planned from, which the build updates once they
    /// have run; nil when no cut list is written.
    var cutLists: CutListRecord.Planned?
    /// The text cut lists being rendered for the build's steps; nil in a dry run, which
    /// renders them while planning.
    var renderedLists: RenderedCutLists?
}

extension Builder {
    /// The steps a build of `plan` (from the script at `scriptPath`, its lines voiced as
    /// `voicing`) would take now, and why each runs or not, assuming every request succeeds.
    /// - Throws: `AnimaticError` when the plan cannot be encoded or the sound cannot be mixed.
    public func stepPlan(for plan: Plan, scriptPath: String, voicing: Voicing? = nil) throws -> StepPlan {
        try stepPlan(BuildContext(self, plan: plan, scriptPath: scriptPath, voicing: voicing, verifying: false))
    }
}


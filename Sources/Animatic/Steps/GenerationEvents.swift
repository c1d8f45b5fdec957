import Foundation
import Generation

/// The executor's events about generation steps (generate, conform, QC) as the build's
/// events and outcome: a segment is finished when the last step putting its clip in the
/// cache succeeds, or when any of its steps fails; a continuation whose predecessor failed
/// fails for want of a frame to start from. Once every generation step has finished (or the
/// run ends), generation is summed up (`BuildEvent.generated`).
struct GenerationEvents {
    private let run: BuildRun
    private let events: @Sendable (BuildEvent) -> Void
    /// Generation step ID → its segment.
    private var itemOf: [String: BuildPlan.Item] = [:]
    /// Segment key → the step whose success finishes the segment.
    private var lastStep: [ClipKey: String] = [:]
    /// The generation steps not yet finished.
    private var unfinished: Set<String> = []
    private let toGenerate: Int
    private var done = 0
    private var summed = false

    init(_ plan: StepPlan, run: BuildRun, events: @escaping @Sendable (BuildEvent) -> Void) {
        self.run = run
        self.events = events
        for (step, subject) in zip(plan.steps, plan.subjects) {
            switch subject {
            case let .generate(item), let .conform(item), let .qc(item):
                unfinished.insert(step.id)
                guard step.status.runs, item.action != .reuse else { continue }
                itemOf[step.id] = item
                lastStep[item.key] = step.id
            default: continue
            }
        }
        toGenerate = run.context.buildPlan.toGenerate.count
    }

    /// Takes in one executor event.
    mutating func observe(_ event: StepExecutor.Event) {
        switch event {
        case let .succeeded(id):
            if let item = itemOf[id], lastStep[item.key] == id { finish(item, error: nil) }
            stepFinished(id)
        case let .failed(id, .threw(error)):
            if let item = itemOf[id] { finish(item, error: error) }
            stepFinished(id)
        case let .failed(id, .inputFailed(input)):
            // A conform whose generate failed has said so already; a continuation whose
            // predecessor failed has no frame to start from.
            if let item = itemOf[id], let previous = itemOf[input], previous.key != item.key {
                finish(item, error: SegmentFailure(
                    .predecessorFailed,
                    message: "it continues \(previous.segmentID), which failed, so there is no frame to start it from"))
            }
            stepFinished(id)
        case let .stopped(id):
            if let item = itemOf[id] {
                run.update { $0.outcome.stoppedBy = item.segmentID }
                events(.stopping(failed: item.segmentID))
            }
        }
    }

    /// After the run: the segments never started, and the summary if not yet said.
    mutating func end(notStarted: [String]) {
        run.update { state in
            state.outcome.notStarted = Set(notStarted.compactMap { id in
                itemOf[id].flatMap { state.outcome.failures[$0.segmentID] == nil ? $0.segmentID : nil }
            })
        }
        sumUp()
    }

    private mutating func finish(_ item: BuildPlan.Item, error: SegmentFailure?) {
        done += 1
        if let error { run.update { $0.outcome.failures[item.segmentID] = error } }
        let reason = if case let .generate(reason) = item.action { reason } else { BuildPlan.Reason.new }
        events(.segmentFinished(id: item.segmentID, reason: reason, error: error, done: done, total: toGenerate))
    }

    private mutating func stepFinished(_ id: String) {
        guard unfinished.remove(id) != nil, unfinished.isEmpty else { return }
        sumUp()
    }

    private mutating func sumUp() {
        guard !summed, toGenerate > 0 else { return }
        summed = true
        let outcome = run.update { $0.outcome }
        events(.generated(
            made: toGenerate - outcome.failures.count - outcome.notStarted.count, requested: toGenerate,
            failed: outcome.failures.count, notStarted: outcome.notStarted.count,
            seconds: Date().timeIntervalSince(run.started)))
    }
}

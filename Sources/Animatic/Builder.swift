import Foundation
import Generation
import Media
import Planning

/// The build after planning: decides what is stale (`BuildPlan`) and plans every step
/// (`StepPlan`: generation, the video, the plan JSON, the media, the cut lists, the report,
/// the depfile), then runs those steps on one executor: the stale segments in parallel into
/// the clip cache, then the outputs, each written atomically.
///
/// A segment whose backend fails (after the scheduler's retries) stops the build: no new
/// segment is started, the running ones finish and stay cached, the report is written and
/// nothing else. With `settings.keepGoing`, a failure card of the segment's length stands
/// in for it instead (`FailureCards`) and every output is written. Either way the build
/// then throws `.unavailable` (exit 69).
///
/// Cancelling the task running `build` stops running encodes (their partial files are
/// removed), keeps every finished clip in the cache, and writes no output.
public struct Builder: Sendable {
    /// Bumped when the editor's output changes for the same inputs: part of the inputs digest.
    static let editorVersion = 1

    public var settings: BuildSettings
    public var generator: any Generator
    /// Receives progress as the build goes.
    public var events: @Sendable (BuildEvent) -> Void

    /// A builder for `settings` with `generator` (the storyboard renderer unless told).
    public init(
        settings: BuildSettings, generator: any Generator = StoryboardRenderer(),
        events: @escaping @Sendable (BuildEvent) -> Void = { _ in }
    ) {
        self.settings = settings
        self.generator = generator
        self.events = events
    }

    /// The cache the build uses.
    public var cache: ClipCache { ClipCache(directory: settings.cacheDirectory) }

    /// What a build of `plan` would do now, without doing it.
    /// - Throws: `AnimaticError` `.internalFailure` when a request cannot be encoded.
    public func buildPlan(for plan: Plan) throws(AnimaticError) -> BuildPlan {
        try BuildPlan.make(
            plan: plan, settings: settings, generator: generator, cache: cache,
            previous: BuildReport.read(settings.reportURL))
    }

    /// Builds `plan` (from the script at `scriptPath`, as the user named it) and returns
    /// the report it wrote beside the video: plans the steps (`stepPlan`, what `--dry-run`
    /// prints) and runs them (`jobs(_:run:)`) on one `StepExecutor`.
    /// - Throws: `AnimaticError`: `.unavailable` when segments failed (after writing the
    ///   report, and with `keepGoing` every output), others when outputs are not writable;
    ///   or `CancellationError`.
    /// With `voicing` (the script's voiced lines), the video carries the soundtrack,
    /// `film.media/` a WAV beside each segment, and the cut lists audio clips.
    public func build(_ plan: Plan, scriptPath: String, voicing: Voicing? = nil) async throws -> BuildReport {
        let cache = self.cache
        let lock: CacheLock
        do { lock = try await cache.lock(waiting: { events(.waitingForCache) }) } catch {
            throw AnimaticError(.cannotCreate, "cannot use the cache \(settings.cacheDirectory.path): \(error)")
        }
        defer { withExtendedLifetime(lock) {} }
        StalePartials.remove(beside: settings.output)
        let context = try BuildContext(self, plan: plan, scriptPath: scriptPath, voicing: voicing, verifying: true)
        let steps = try stepPlan(context, building: true)
        let buildPlan = context.buildPlan
        events(.planned(
            segments: context.allItems.count, toGenerate: buildPlan.toGenerate.count, frames: plan.totalFrames))
        for item in context.allItems where item.action == .reuse { events(.segmentCached(id: item.segmentID)) }

        let run = BuildRun(
            context: context, backendLimit: min(settings.jobs, generator.capabilities.maxParallelJobs ?? .max), settings: settings)
        var generation = GenerationEvents(steps, run: run, events: events)
        let executed = try await StepExecutor(stopOnFailure: !settings.keepGoing).run(jobs(steps, run: run)) { event in
            generation.observe(event)
            switch event {
            case let .succeeded(id): events(.stepFinished(id: id, failed: false))
            case let .failed(id, _): events(.stepFinished(id: id, failed: true))
            case .stopped: break
            }
        }
        generation.end(notStarted: executed.notStarted)
        // What the build's checks taught the cache's manifest; one that cannot be written
        // only costs the next build its full checks.
        try? context.cache.saveManifest()
        let outcome = run.update { $0.outcome }
        if let stopper = outcome.stoppedBy {
            placeTakes(run)
            try AtomicFile.write(try encode(makeReport(run)), to: settings.reportURL)
            throw AnimaticError(
                .unavailable,
                "\(stopper) failed: \(outcome.failures[stopper]?.message ?? ""); " + stopSummary(outcome)
                    + "no video written; finished segments stay cached "
                    + "(--keep-going puts a failure card in place of a failed segment)")
        }
        guard let report = run.update({ $0.report }) else {
            throw AnimaticError(.internalFailure, "the build ended without its report")
        }
        let placed = run.placement.buildPlan
        if let firstFailure = (placed.items + placed.takeItems).first(where: { outcome.failures[$0.segmentID] != nil }) {
            throw AnimaticError(.unavailable, keptGoingMessage(firstFailure, buildPlan: placed, outcome: outcome))
        }
        try qcGate(report)
        return report
    }
}

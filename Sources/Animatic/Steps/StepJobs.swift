import Foundation
import Generation

extension Builder {
    /// The executor's jobs for `plan`'s steps, one per step, with the step's ID and inputs.
    /// Each kind of work has its pool: at most `settings.jobs` (and the backend's limit) at
    /// the backend at once, conforming and QC beside it, so that the backend starts its
    /// next segment as soon as it hands one over; the video and the media one at a time;
    /// sheet pages drawn as many at once as there are jobs, beside the join (a feature's
    /// pages take more CPU than the video and the steps after it, so both cores are theirs
    /// once the video is made).
    ///
    /// A step that begins new work (a backend request, an output) is not started once a
    /// failure has stopped the build; under `--keep-going` a failure card stands in for a
    /// failed clip, and the steps that read takes (the join, the media, the report) go on
    /// without a take that failed.
    func jobs(_ plan: StepPlan, run: BuildRun) -> [StepExecutor.Job] {
        let backend = StepExecutor.Pool(name: "backend", limit: run.slots.limit)
        let conformer = StepExecutor.Pool(name: "conform", limit: settings.jobs)
        let checker = StepExecutor.Pool(name: "qc", limit: settings.jobs)
        let editor = StepExecutor.Pool(name: "edit", limit: 1)
        // The soundtrack's chunks, two at a time (`AudioTrack.encodeMissingChunks`), beside the edit.
        let sound = StepExecutor.Pool(name: "sound", limit: 1)
        let drawer = StepExecutor.Pool(name: "draw", limit: settings.jobs)
        let sheet = StepExecutor.Pool(name: "sheet", limit: settings.jobs)
        let writer = StepExecutor.Pool(name: "write", limit: settings.jobs)
        let keepGoing = settings.keepGoing
        // The cut list record vouches for every file beside the video the cut list steps
        // write: those steps have nothing to do. Otherwise each counts its success, and the
        // report step records the files once all have.
        let recorded = plan.cutLists?.current == true
        return zip(plan.steps, plan.subjects).map { step, subject in
            func job(
                _ pool: StepExecutor.Pool, beginsWork: Bool = true, tolerant: Bool = false,
                _ work: @escaping @Sendable ([String: URL]) async throws -> URL?
            ) -> StepExecutor.Job {
                StepExecutor.Job(
                    id: step.id, inputs: step.inputs, pool: pool, beginsWork: beginsWork,
                    toleratesFailedInputs: keepGoing && tolerant, work: work)
            }
            func cutListJob(_ pool: StepExecutor.Pool, _ work: @escaping @Sendable () async throws -> URL?) -> StepExecutor.Job {
                guard !recorded else { return job(pool) { _ in nil } }
                return job(pool) { _ in
                    let product = try await work()
                    run.update { $0.cutListStepsDone += 1 }
                    return product
                }
            }
            let runs = step.status.runs
            switch subject {
            case let .generate(item):
                // A reused segment has nothing to do: it is never "not started".
                return job(backend, beginsWork: runs) { _ in runs ? try await self.generateStep(item, run: run) : nil }
            case let .conform(item):
                return job(conformer, beginsWork: false) { _ in runs ? try await self.conformStep(item, run: run) : nil }
            case let .qc(item):
                return job(checker, beginsWork: false) { _ in
                    try await self.qcStep(
                        item, cache: run.context.cache, coverage: run.coverages[item.key], measures: run.measures[item.key],
                        made: runs, slots: run.slots, drivingMix: run.context.drivingMix)
                }
            case let .failureCard(item):
                return job(drawer, tolerant: true) { _ in try await self.failureCardStep(item, run: run) }
            case .join:
                // Every clip and take is in: quality control places the takes the outputs use.
                return job(editor, tolerant: true) { _ in
                    self.placeTakes(run)
                    if runs { try self.joinStep(run) }
                    return nil
                }
            case .soundtrack:
                return job(sound) { _ in
                    if runs { try await self.encodeSoundtrack(run) }
                    return nil
                }
            case .tracks:
                return job(editor) { _ in try await self.tracksStep(runs: runs, run: run) }
            case .digest:
                return job(writer) { _ in
                    if runs {
                        let record = VideoRecord.of(self.settings.output)
                        run.update { $0.video = record }
                    }
                    return nil
                }
            case .plan:
                return job(writer) { _ in try AtomicFile.update(run.context.planJSON, at: self.settings.planURL); return nil }
            case .media:
                return job(editor, tolerant: true) { _ in runs ? try self.mediaStep(run) : nil }
            case let .thumbnail(frame):
                return cutListJob(drawer) { try await self.thumbnailStep(frame, run: run) }
            case let .sheetDraw(index, frames):
                return cutListJob(sheet) { try await self.sheetDrawStep(index, frames: frames, run: run) }
            case let .sheetPage(index, frames, url, pages):
                return cutListJob(writer) { try await self.sheetPageStep(index, frames: frames, url: url, pages: pages, run: run) }
            case let .cutList(format):
                let rendered = plan.renderedLists
                return cutListJob(writer) {
                    try await self.cutListStep(format, planned: await rendered?.bytes(of: format), run: run)
                }
            case .depfile:
                return job(writer) { _ in
                    if let depfile = self.settings.depfile {
                        try AtomicFile.update(
                            self.depfileData(scriptPath: run.context.scriptPath, voicing: run.context.voicing), at: depfile)
                    }
                    return nil
                }
            case .report:
                return job(writer, tolerant: true) { _ in
                    let product = try self.reportStep(run)
                    self.recordCutLists(plan, run: run)
                    return product
                }
            }
        }
    }
}

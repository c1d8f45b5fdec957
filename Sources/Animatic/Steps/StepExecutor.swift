import Foundation

/// Runs build steps the way a compiler driver runs its jobs (swift-driver's executor): a
/// job starts once every job it reads has succeeded; among ready jobs the earliest in plan
/// order starts first; each pool (the backend, the conformer) runs at most its limit at
/// once. A job fails by throwing a `SegmentFailure`; a job whose input failed does not run and
/// fails in turn (`Failure.inputFailed`), unless it stands in for failed inputs
/// (`Job.toleratesFailedInputs`: a failure card), which runs once they are all finished,
/// failed or not. Any other error (a fault, not a failure) or
/// cancellation ends the run: running jobs are cancelled and the error is rethrown.
///
/// With `stopOnFailure`, the first failure stops the starting of jobs that begin new work
/// (`Job.beginsWork`, a backend request); jobs that finish work already done (conforming
/// a clip a backend made) still run; the rest are reported not started.
///
/// What a job makes for its dependents (a backend's raw clip) is a temporary file: the job
/// that reads it removes it, and the executor removes any that no job took when it ends,
/// however it ends. Each finished job is reported as a value (`Event`) as it finishes; the
/// kinds of work live in the jobs' closures, so a new kind of step needs no change here.
struct StepExecutor: Sendable {
    /// A set of jobs that share a limit on how many run at once.
    struct Pool: Hashable, Sendable {
        /// Its name, unique among the pools of one run.
        var name: String
        /// How many of its jobs run at once (at least 1).
        var limit: Int
    }

    /// One step's work.
    struct Job: Sendable {
        /// Unique within a run.
        var id: String
        /// The jobs it reads, by ID; each comes earlier in the list.
        var inputs: [String]
        var pool: Pool
        /// Whether it begins new work, which a failure stops, rather than finishing work begun.
        var beginsWork: Bool
        /// Whether it runs when an input failed (without a stop), instead of failing in turn:
        /// what stands in for a failed clip, and what reads it beside takes that may fail.
        var toleratesFailedInputs = false
        /// Does the work, given each input's product by job ID; returns its own product, if any.
        var work: @Sendable (_ products: [String: URL]) async throws -> URL?
    }

    /// Why a job failed.
    enum Failure: Error, Hashable {
        /// Its work failed in a way the build reports and goes on from (a segment its
        /// backend could not make).
        case threw(SegmentFailure)
        /// The job with this ID, which it reads, failed.
        case inputFailed(String)
    }

    /// What the executor tells as it goes.
    enum Event: Sendable {
        /// The job succeeded.
        case succeeded(id: String)
        /// The job failed.
        case failed(id: String, Failure)
        /// The job's failure stopped the starting of new work.
        case stopped(by: String)
    }

    /// A child task's answer: which job finished, and how. (A struct rather than a tuple of
    /// an `Int` and a `Result`: release builds of that tuple through the task group handed
    /// back a position out of range, Swift 6.3.1.)
    struct Finished: Sendable {
        enum Outcome: Sendable {
            case made(URL?)
            case failed(Failure)
        }
        var position: Int
        var outcome: Outcome
    }

    /// How a run ended.
    struct Report: Sendable {
        /// The jobs that failed and why, by ID.
        var failures: [String: Failure] = [:]
        /// The job whose failure stopped the run (with `stopOnFailure`).
        var stoppedBy: String?
        /// The jobs never started, in plan order.
        var notStarted: [String] = []
    }

    /// Whether the first failure stops new work.
    var stopOnFailure: Bool

    /// Runs `jobs`, telling `events` as each finishes.
    /// - Throws: `CancellationError` when the task is cancelled, or the first error a job
    ///   threw that is not a `SegmentFailure` (running jobs are cancelled either way).
    func run(_ jobs: [Job], events: (Event) -> Void) async throws -> Report {
        let index = Dictionary(jobs.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var dependents = [[Int]](repeating: [], count: jobs.count)
        var unfinishedInputs = jobs.map(\.inputs.count)
        for (position, job) in jobs.enumerated() {
            for input in job.inputs { if let from = index[input] { dependents[from].append(position) } }
        }
        var ready: [Pool: [Int]] = [:]  // plan positions, ascending
        var running: [Pool: Int] = [:]
        var started = [Bool](repeating: false, count: jobs.count)
        var finished = [Bool](repeating: false, count: jobs.count)
        var products: [Int: URL] = [:]
        var report = Report()
        defer {
            // Products no dependent took (a failure stopped the build, or it was cancelled).
            for (position, url) in products where !dependents[position].allSatisfy({ started[$0] }) {
                try? FileManager.default.removeItem(at: url)
            }
        }
        func makeReady(_ position: Int) {
            var queue = ready[jobs[position].pool, default: []]
            let at = queue.firstIndex { $0 > position } ?? queue.count
            queue.insert(position, at: at)
            ready[jobs[position].pool] = queue
        }
        for position in jobs.indices where unfinishedInputs[position] == 0 { makeReady(position) }

        try await withThrowingTaskGroup(of: Finished.self) { group in
            func startReady() {
                for pool in ready.keys.sorted(by: { ready[$0]?.first ?? .max < ready[$1]?.first ?? .max }) {
                    var queue = ready[pool] ?? []
                    var skipped: [Int] = []
                    while running[pool, default: 0] < max(1, pool.limit), !queue.isEmpty {
                        let position = queue.removeFirst()
                        if report.stoppedBy != nil && jobs[position].beginsWork {
                            skipped.append(position)
                            continue
                        }
                        started[position] = true
                        running[pool, default: 0] += 1
                        let job = jobs[position]
                        let inputs = Dictionary(
                            job.inputs.compactMap { id in index[id].flatMap { products[$0] }.map { (id, $0) } },
                            uniquingKeysWith: { first, _ in first })
                        group.addTask {
                            do {
                                return Finished(position: position, outcome: .made(try await job.work(inputs)))
                            } catch let failure as SegmentFailure {
                                return Finished(position: position, outcome: .failed(.threw(failure)))
                            }
                        }
                    }
                    ready[pool] = skipped + queue
                }
            }
            /// Counts `position` as finished for the jobs that read it (one that already
            /// failed through another input stays failed).
            func inputFinished(_ position: Int) {
                for dependent in dependents[position] where !finished[dependent] {
                    unfinishedInputs[dependent] -= 1
                    if unfinishedInputs[dependent] == 0 { makeReady(dependent) }
                }
            }
            func finish(_ position: Int, _ outcome: Finished.Outcome) {
                finished[position] = true
                switch outcome {
                case let .made(product):
                    if let product { products[position] = product }
                    events(.succeeded(id: jobs[position].id))
                    inputFinished(position)
                case let .failed(failure):
                    report.failures[jobs[position].id] = failure
                    events(.failed(id: jobs[position].id, failure))
                    if stopOnFailure, report.stoppedBy == nil {
                        report.stoppedBy = jobs[position].id
                        events(.stopped(by: jobs[position].id))
                    }
                    // After a stop, what depends on the failure is simply not started.
                    guard report.stoppedBy == nil else { return }
                    for dependent in dependents[position] where !finished[dependent] && !jobs[dependent].toleratesFailedInputs {
                        finish(dependent, .failed(.inputFailed(jobs[position].id)))
                    }
                    inputFinished(position)
                }
            }

            startReady()
            while let done = try await group.next() {
                running[jobs[done.position].pool, default: 0] -= 1
                finish(done.position, done.outcome)
                startReady()
            }
        }
        report.notStarted = jobs.indices.filter { !started[$0] && !finished[$0] }.map { jobs[$0].id }
        return report
    }
}

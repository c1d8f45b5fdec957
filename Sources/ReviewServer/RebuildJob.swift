import Animatic
import Foundation

/// The rebuild the page's button starts: the same build `animatic build` runs, in this
/// process, one at a time; its `BuildEvent`s kept as progress for the page to poll
/// (`GET /api/build`).
final class RebuildJob: @unchecked Sendable {
    /// Runs a build, telling `events` as it goes; returns its report.
    typealias Build = @Sendable (_ events: @escaping @Sendable (BuildEvent) -> Void) async throws -> BuildReport

    /// What the page shows of the build.
    struct Progress: Encodable {
        /// `idle`, `running`, `done` or `failed`.
        var state = "idle"
        /// Segments (and takes) in the build, and how many need generating.
        var segments = 0
        var toGenerate = 0
        /// Generated so far.
        var done = 0
        /// The segments generated, in order.
        var generated: [String] = []
        /// A line per stage, in the order they happened.
        var log: [String] = []
        /// The failure, for `failed`.
        var error: String?
        /// Counts each build started, so the page can tell a new one's end from the last.
        var run = 0
    }

    private let build: Build
    private let lock = NSLock()
    private var progress = Progress()
    private var task: Task<Void, Never>?

    init(build: @escaping Build) {
        self.build = build
    }

    /// The progress now.
    var snapshot: Progress { lock.withLock { progress } }

    /// Starts a build unless one is running; returns whether it started.
    func start() -> Bool {
        let started = lock.withLock { () -> Bool in
            guard progress.state != "running" else { return false }
            progress = Progress(state: "running", run: progress.run + 1)
            return true
        }
        guard started else { return false }
        let build = self.build
        let task = Task.detached { [self] in
            do {
                let report = try await build { event in self.record(event) }
                lock.withLock {
                    progress.state = "done"
                    progress.log.append("built: \(report.generated) generated, \(report.reused) cached")
                }
            } catch {
                let message = (error as? AnimaticError)?.message ?? String(describing: error)
                lock.withLock {
                    progress.state = "failed"
                    progress.error = error is CancellationError ? "stopped" : message
                }
            }
        }
        lock.withLock { self.task = task }
        return true
    }

    /// Cancels a running build and waits for it to stop (its finished clips stay cached,
    /// and it writes no output).
    func stop() async {
        let task = lock.withLock { self.task }
        task?.cancel()
        await task?.value
    }

    /// Keeps what the page shows of `event`.
    private func record(_ event: BuildEvent) {
        lock.withLock {
            switch event {
            case let .planned(segments, toGenerate, _):
                progress.segments = segments
                progress.toGenerate = toGenerate
                progress.log.append("planned \(segments) segments: \(toGenerate) to generate, \(segments - toGenerate) cached")
            case let .segmentFinished(id, _, error, done, _):
                progress.done = done
                if let error { progress.log.append("\(id) failed: \(error.message)") } else { progress.generated.append(id.rawValue) }
            case .waitingForCache:
                progress.log.append("waiting for another build to release the cache")
            case let .videoWritten(name, _):
                progress.log.append("wrote \(name)")
            case let .videoUpToDate(name):
                progress.log.append("\(name) is up to date")
            case .cutListsWritten:
                progress.log.append("wrote the cut lists")
            case let .takesRanked(ranking):
                progress.log.append("\(ranking.shot): \(ranking.why)")
            case .stepFinished, .segmentCached, .segmentProgress, .stopping, .generated, .qualityChecked, .retakeFailed,
                 .failureCards:
                break
            }
        }
    }
}

import Animatic
import Foundation
import Generation
import Media
import Planning
import Testing

/// What a build's backend and events did, in order.
private final class BuildLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    private var running = 0
    private var mostRunning = 0

    func started(_ id: String) {
        lock.withLock {
            lines.append("start \(id)")
            running += 1
            mostRunning = max(mostRunning, running)
        }
    }

    func ended() { lock.withLock { running -= 1 } }

    func record(_ event: BuildEvent) {
        if case let .segmentFinished(id, _, _, _, _) = event { lock.withLock { lines.append("finished \(id)") } }
    }

    var entries: [String] { lock.withLock { lines } }
    var peak: Int { lock.withLock { mostRunning } }
}

/// A backend whose clips need conforming: it copies one made-up clip larger than the
/// house size, after `delay`, at most `limit` at once.
private struct CopyingBackend: Generator {
    let clip: URL
    let limit: Int
    let delay: Duration
    let log: BuildLog

    var name: String { "copy" }
    var settings: String { "clip=\(clip.lastPathComponent)" }
    var capabilities: GeneratorCapabilities { GeneratorCapabilities(maxParallelJobs: limit) }
    var inputFiles: [URL] { [] }

    func generate(_ request: GenerationRequest, to destination: URL) async throws {
        log.started(request.segmentID.rawValue)
        defer { log.ended() }
        try await Task.sleep(for: delay)
        try FileManager.default.copyItem(at: clip, to: destination)
    }
}

@Suite("animatic build: scheduling the backend")
struct BuildSchedulingTests {
    /// `segments` one-line scenes, each one segment.
    private static func script(segments: Int) -> String {
        (1...segments).map { "EXT. YARD \($0) - DAY\n\nMara waits by gate \($0).\n" }.joined(separator: "\n")
    }

    /// Builds `segments` segments with `jobs` through a `CopyingBackend` of `limit`.
    private static func build(
        segments: Int, jobs: Int, limit: Int, delay: Duration
    ) async throws -> (log: BuildLog, ids: [String]) {
        let project = try BuildProject(script: script(segments: segments))
        let clip = project.directory.appendingPathComponent("raw.mp4")
        try await FilterGraphRenderer(format: HouseFormat(width: 640, height: 360, frameRate: Rational(24)))
            .render(graph: "testsrc2=s=640x360:r=24", frames: 72, to: clip)
        var settings = project.settings()
        settings.jobs = jobs
        let log = BuildLog()
        let builder = Builder(
            settings: settings, generator: CopyingBackend(clip: clip, limit: limit, delay: delay, log: log),
            events: log.record)
        let compilation = try project.compile(settings)
        let ids = try builder.buildPlan(for: compilation.plan).items.map(\.segmentID.rawValue)
        let report = try await builder.build(compilation.plan, scriptPath: project.script.path)
        #expect(report.generated == segments && report.failed == 0)
        return (log, ids)
    }

    @Test func theBackendStartsTheNextSegmentWhileTheLastOneConforms() async throws {
        let (log, ids) = try await Self.build(segments: 3, jobs: 1, limit: 1, delay: .zero)
        let entries = log.entries
        #expect(log.peak == 1)
        let secondStarts = try #require(entries.firstIndex(of: "start \(ids[1])"))
        let firstFinishes = try #require(entries.firstIndex(of: "finished \(ids[0])"))
        #expect(secondStarts < firstFinishes, "\(entries)")
    }

    @Test(arguments: [(jobs: 1, limit: 3), (jobs: 3, limit: 1), (jobs: 2, limit: 2), (jobs: 4, limit: 2)])
    func segmentsRunAtOnceUpToTheLowerOfJobsAndTheBackendsLimit(jobs: Int, limit: Int) async throws {
        let (log, _) = try await Self.build(segments: 6, jobs: jobs, limit: limit, delay: .milliseconds(100))
        #expect(log.peak == min(jobs, limit))
    }
}

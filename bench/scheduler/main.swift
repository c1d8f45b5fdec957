// scheduler-bench: does the generation scheduler keep a backend busy? Real builds (the
// Animatic `Builder`, the `dashscope` backend under `ScheduledGenerator`) of generated
// scripts of S segments, against the DashScope test server on loopback with tasks of a
// fixed latency L, at a concurrency limit N and `--jobs` J; compared with the ideal
// ceil(S / min(N, J)) · L.
//
//   swift build -c release --product scheduler-bench
//   .build/release/scheduler-bench [S:N:L[:J] ...] [--runs R]
//
// J defaults to N. Needs python3 (the test server) and nothing else.
import Animatic
import Foundation
import Generation
import Media
import Planning
import TestServers

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("scheduler-bench: \(message)\n".utf8))
    exit(1)
}

/// One configuration: S segments, a backend limit of N, a task latency of L seconds, J jobs.
struct Combo: CustomStringConvertible {
    var segments: Int
    var limit: Int
    var latency: Double
    var jobs: Int

    /// Reads `S:N:L` or `S:N:L:J`.
    init?(_ text: String) {
        let parts = text.split(separator: ":").map(String.init)
        guard (3...4).contains(parts.count), let segments = Int(parts[0]), let limit = Int(parts[1]),
            let latency = Double(parts[2]), segments > 0, limit > 0, latency > 0
        else { return nil }
        let jobs = parts.count == 4 ? Int(parts[3]) : limit
        guard let jobs, (1...64).contains(jobs) else { return nil }
        (self.segments, self.limit, self.latency, self.jobs) = (segments, limit, latency, jobs)
    }

    /// Segments at once: the lower of the backend's limit and `--jobs`.
    var concurrency: Int { min(limit, jobs) }
    /// ceil(S / concurrency): the rounds of tasks.
    var rounds: Int { (segments + concurrency - 1) / concurrency }
    /// ceil(S / concurrency) · L.
    var ideal: Double { Double(rounds) * latency }
    var description: String { "S=\(segments) N=\(limit) J=\(jobs) L=\(latency)s" }
}

/// What one build measured.
struct Measurement {
    var generation: Double
    var build: Double
    var callOverhead: Double
    var handoff: Double
    var serverPeak: Int
    var limiterPeak: Int
}

var combos: [Combo] = []
var runs = 3
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    if argument == "--runs" {
        guard let value = arguments.next().flatMap(Int.init), value > 0 else { fail("--runs needs a positive number") }
        runs = value
    } else if let combo = Combo(argument) {
        combos.append(combo)
    } else {
        fail("usage: scheduler-bench [S:N:L[:J] ...] [--runs R]  (not '\(argument)')")
    }
}
if combos.isEmpty {
    combos = ["40:4:0.5", "41:4:0.5", "24:2:1", "60:8:0.25", "24:4:0.5:2", "24:2:0.5:8"].compactMap(Combo.init)
}

let size = FrameSize(width: 64, height: 36)
let house = HouseFormat(width: size.width, height: size.height, frameRate: Rational(24))
let work = FileManager.default.temporaryDirectory.appendingPathComponent("scheduler-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }

// The clip every task serves: 1 s of 64x36 (each segment holds its last frame to 3 s).
let served = work.appendingPathComponent("served.mp4")
try FilterGraphRenderer(format: house).render(graph: "testsrc2=s=64x36:r=24", frames: 24, to: served)

/// The API key the test server accepts.
let apiKey = "scheduler-bench-key"

/// How often the backend polls a running task: a finished task is seen 5 ms late on average.
let pollInterval = Duration.milliseconds(10)

/// One build of `combo` in a directory of its own, with an empty cache.
func measure(_ combo: Combo) async throws -> Measurement {
    let directory = work.appendingPathComponent(UUID().uuidString)
    let cache = directory.appendingPathComponent("cache")
    try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // The DashScope test server, every task running `latency` seconds from its creation: a
    // backend of fixed latency that counts the tasks it runs at once.
    let server = try await TestServer.start(
        "dashscope_server.py", config: ["key": apiKey, "video": served.path, "task_seconds": combo.latency])
    defer { server.stop() }

    let backend = TimedBackend(
        DashScopeGenerator(
            baseURL: server.url, journalDirectory: cache, maxParallelJobs: combo.limit,
            pollInterval: pollInterval, environment: { [DashScopeGenerator.apiKeyVariable: apiKey] }))
    let generator = ScheduledGenerator(backend: backend)
    var configuration = PlanConfiguration()
    configuration.backendMaxMilliseconds = generator.capabilities.longestClipMilliseconds
    let script = directory.appendingPathComponent("film.fountain")
    let plan = try SegmentScript.write(segments: combo.segments, to: script, configuration: configuration)
    let settings = BuildSettings(
        output: directory.appendingPathComponent("film.mp4"), cacheDirectory: cache, size: size,
        planConfiguration: configuration, jobs: combo.jobs, cutLists: [])
    let clock = EventClock()
    let builder = Builder(settings: settings, generator: generator, events: clock.record)

    let start = ContinuousClock.now
    let report: BuildReport
    do { report = try await builder.build(plan, scriptPath: script.path) } catch {
        server.stop()  // fail() exits, which runs no defer
        fail("\(combo): the build failed: \(error)\n\(clock.failed.joined(separator: "\n"))")
    }
    let build = (ContinuousClock.now - start).seconds
    let (tasks, peak) = (try await server.count("creates"), try await server.count("max_running"))
    guard report.generated == combo.segments, tasks == combo.segments else {
        server.stop()
        fail("\(combo): \(report.generated) segments generated, \(tasks) tasks created")
    }
    return Measurement(
        generation: clock.generationSeconds, build: build, callOverhead: backend.meanCall - combo.latency,
        handoff: backend.meanHandoff(concurrency: combo.concurrency), serverPeak: peak,
        limiterPeak: await generator.limiter.peak)
}

/// The conform of one served clip to a 3 s segment, the median of 15, in seconds.
func conformSeconds() throws -> Double {
    let conformer = Conformer(format: house)
    let output = work.appendingPathComponent("conformed.mp4")
    let times = try (0..<15).map { _ in
        let start = ContinuousClock.now
        try conformer.conform(served, frames: 72, to: output)
        return (ContinuousClock.now - start).seconds
    }
    return times.sorted()[times.count / 2]
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
func text(_ seconds: Double) -> String { String(format: "%.2f s", seconds) }
func milliseconds(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
func ratio(_ value: Double, _ ideal: Double) -> String { String(format: "%.3f", value / ideal) }

print(String(format: "conform of one clip (64x36, 72 frames): %.1f ms, median of 15", try conformSeconds() * 1000))
print("""
    medians of \(runs) run\(runs == 1 ? "" : "s"); ideal = ceil(S / min(N, jobs)) · L; ratio = generation / ideal \
    (worst: the highest of the runs); within 10%: the median ratio at most 1.1; \
    call − L = a backend call's time beyond the task's (its HTTP requests, polling slack, journal, download, probe); \
    vs calls = generation / (ceil(S / min(N, jobs)) · (L + call − L)), the backend's own time taken as given; \
    handoff = from a call's end to the next call's start; peak = most tasks at once (seen by the server, by the limiter)
    """)
print("| S | N | jobs | L | ideal | generation | ratio | worst | build | call − L | vs calls | handoff | peak | within 10% |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
var overLimit = false
for combo in combos {
    var measurements: [Measurement] = []
    for _ in 0..<runs { measurements.append(try await measure(combo)) }
    let generation = median(measurements.map(\.generation))
    let serverPeak = measurements.map(\.serverPeak).max() ?? 0
    let limiterPeak = measurements.map(\.limiterPeak).max() ?? 0
    overLimit = overLimit || serverPeak > combo.concurrency || limiterPeak > combo.concurrency
    let worst = measurements.map(\.generation).max() ?? 0
    let callOverhead = median(measurements.map(\.callOverhead))
    print(
        "| \(combo.segments) | \(combo.limit) | \(combo.jobs) | \(combo.latency) s | \(text(combo.ideal)) "
            + "| \(text(generation)) | \(ratio(generation, combo.ideal)) | \(ratio(worst, combo.ideal)) "
            + "| \(text(median(measurements.map(\.build)))) "
            + "| \(milliseconds(callOverhead)) "
            + "| \(ratio(generation, Double(combo.rounds) * (combo.latency + callOverhead))) "
            + "| \(milliseconds(median(measurements.map(\.handoff)))) | \(serverPeak), \(limiterPeak) "
            + "| \(generation <= combo.ideal * 1.1 ? "yes" : "NO") |")
}
if overLimit { fail("a backend ran more tasks at once than min(N, jobs)") }

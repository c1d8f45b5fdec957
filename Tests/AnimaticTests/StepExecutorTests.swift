@testable import Animatic
import Foundation
import Testing
import TestSupport

/// What the jobs of a test did, in order.
private final class JobLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String] = []
    private var running = 0
    private var mostRunning = 0

    func ran(_ id: String) { lock.withLock { entries.append(id) } }
    func enter() { lock.withLock { running += 1; mostRunning = max(mostRunning, running) } }
    func leave() { lock.withLock { running -= 1 } }
    var order: [String] { lock.withLock { entries } }
    var peak: Int { lock.withLock { mostRunning } }
}

private struct Fault: Error {}

@Suite("the step executor")
struct StepExecutorTests {
    private let one = StepExecutor.Pool(name: "one", limit: 1)

    /// A job that logs its ID, waits `delay`, then fails with `failure` if given.
    private func job(
        _ id: String, _ inputs: [String] = [], pool: StepExecutor.Pool? = nil, beginsWork: Bool = true,
        delay: Duration = .zero, failure: String? = nil, log: JobLog
    ) -> StepExecutor.Job {
        StepExecutor.Job(id: id, inputs: inputs, pool: pool ?? one, beginsWork: beginsWork) { _ in
            log.enter()
            defer { log.leave() }
            try await Task.sleep(for: delay)
            log.ran(id)
            if let failure { throw SegmentFailure(.other, message: failure) }
            return nil
        }
    }

    @Test func aJobRunsAfterItsInputsAndTheEarliestReadyJobStartsFirst() async throws {
        let log = JobLog()
        let report = try await StepExecutor(stopOnFailure: true).run([
            job("a", log: log), job("b", ["a"], log: log), job("c", log: log),
        ]) { _ in }
        #expect(log.order == ["a", "b", "c"])
        #expect(report.failures.isEmpty && report.notStarted.isEmpty && report.stoppedBy == nil)
    }

    @Test func aPoolRunsAtMostItsLimitAtOnce() async throws {
        let log = JobLog()
        let two = StepExecutor.Pool(name: "two", limit: 2)
        _ = try await StepExecutor(stopOnFailure: true).run(
            (1...6).map { job("\($0)", pool: two, delay: .milliseconds(20), log: log) }) { _ in }
        #expect(log.order.count == 6)
        #expect(log.peak == 2)
    }

    @Test func aFailureStopsNewWorkButWorkBegunFinishes() async throws {
        let log = JobLog()
        let backend = StepExecutor.Pool(name: "backend", limit: 2)
        let conform = StepExecutor.Pool(name: "conform", limit: 1)
        var events: [String] = []
        let report = try await StepExecutor(stopOnFailure: true).run([
            job("g0", pool: backend, delay: .milliseconds(100), log: log),
            job("c0", ["g0"], pool: conform, beginsWork: false, log: log),
            job("g1", pool: backend, failure: "refused", log: log),
            job("c1", ["g1"], pool: conform, beginsWork: false, log: log),
            job("g2", pool: backend, log: log),
        ]) { event in
            switch event {
            case let .succeeded(id): events.append("ok \(id)")
            case let .failed(id, .threw(failure)): events.append("failed \(id) \(failure)")
            case let .failed(id, .inputFailed(input)): events.append("failed \(id) for \(input)")
            case let .stopped(id): events.append("stopped by \(id)")
            }
        }
        #expect(log.order == ["g1", "g0", "c0"], "c0 finishes g0's work after the stop")
        #expect(report.stoppedBy == "g1")
        #expect(report.failures == ["g1": .threw(SegmentFailure(.other, message: "refused"))])
        #expect(report.notStarted == ["c1", "g2"])
        #expect(events == ["failed g1 refused", "stopped by g1", "ok g0", "ok c0"])
    }

    @Test func withoutStoppingAFailedInputFailsItsDependentsAndTheRestRun() async throws {
        let log = JobLog()
        let report = try await StepExecutor(stopOnFailure: false).run([
            job("a", failure: "refused", log: log), job("b", ["a"], log: log), job("c", ["b"], log: log),
            job("d", log: log),
        ]) { _ in }
        #expect(log.order == ["a", "d"])
        #expect(report.failures == [
            "a": .threw(SegmentFailure(.other, message: "refused")), "b": .inputFailed("a"), "c": .inputFailed("b"),
        ])
        #expect(report.notStarted.isEmpty && report.stoppedBy == nil)
    }

    @Test func aFaultEndsTheRun() async throws {
        let jobs = [StepExecutor.Job(id: "a", inputs: [], pool: one, beginsWork: true) { _ in throw Fault() }]
        await #expect(throws: Fault.self) { try await StepExecutor(stopOnFailure: false).run(jobs) { _ in } }
    }

    @Test func aProductNoJobTookIsRemoved() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let product = directory.appendingPathComponent("raw")
        let log = JobLog()
        let report = try await StepExecutor(stopOnFailure: true).run([
            StepExecutor.Job(id: "make", inputs: [], pool: one, beginsWork: true) { _ in
                try Data("clip".utf8).write(to: product)
                return product
            },
            job("fail", failure: "refused", log: log),
            job("use", ["make", "fail"], beginsWork: false, log: log),
        ]) { _ in }
        #expect(report.notStarted == ["use"])
        #expect(!FileManager.default.fileExists(atPath: product.path))
    }
}

import Foundation
import Media
import Testing
import TestSupport

@Suite("Cancellation and atomic output")
struct CancellationTests {
    /// Runs `work` in a task, cancels it once `started` is true, and returns how it ended.
    func cancelMidway(
        until started: @escaping @Sendable () -> Bool, _ work: @escaping @Sendable () async throws -> Void
    ) async throws -> (any Error)? {
        let task = Task { try await work() }
        // Generous: on a loaded machine the first frame can take long to arrive; a pass is
        // usually a fraction of a second.
        let deadline = Date().addingTimeInterval(120)
        while !started() && Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(started(), "the work began")
        task.cancel()
        do {
            try await task.value
            return nil
        } catch {
            return error
        }
    }

    /// True once a hidden temporary file exists in `directory`.
    func writing(in directory: URL) -> @Sendable () -> Bool {
        let path = directory.path
        return {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.contains { $0.contains(".partial-") }
        }
    }

    @Test("a cancelled render stops, leaving neither the file nor a temporary one")
    func cancelRender() async throws {
        let directory = try Scratch()
        let output = directory.file("long.mp4")
        let error = try await cancelMidway(until: writing(in: directory.url)) {
            try await FilterGraphRenderer(format: smallHouse).render(
                graph: "testsrc2=s=320x180:r=24", frames: 1_000_000, to: output)
        }
        #expect(error is CancellationError)
        #expect(try directory.contents() == [])
    }

    @Test("a cancelled conform stops, leaving an existing destination untouched")
    func cancelConform() async throws {
        let directory = try Scratch()
        let input = directory.file("input.mp4")
        try await makeInput(["-f", "lavfi", "-i", "testsrc2=s=320x240:r=30:d=1", "-c:v", "mpeg4", input.path], in: directory)
        let output = directory.file("conformed.mp4")
        try Data("old".utf8).write(to: output)
        let error = try await cancelMidway(until: writing(in: directory.url)) {
            // A one-second input held for a very long time.
            try await Conformer(format: smallHouse).conform(input, frames: 1_000_000, to: output)
        }
        #expect(error is CancellationError)
        #expect(try Data(contentsOf: output) == Data("old".utf8))
        #expect(try directory.contents() == ["conformed.mp4", "input.mp4"])
    }

    @Test("a cancelled join stops, leaving no file")
    func cancelJoin() async throws {
        let directory = try Scratch()
        let segment = directory.file("segment.mp4")
        try await FilterGraphRenderer(format: smallHouse).render(graph: titleCardGraph(smallHouse), frames: 24, to: segment)
        let output = directory.file("joined.mp4")
        let segments = Array(repeating: segment, count: 100_000)
        let error = try await cancelMidway(until: writing(in: directory.url)) {
            try await TrackMuxer(format: smallHouse).mux(
                segments: segments, frames: Array(repeating: 24, count: segments.count), tracks: ExtraTracks(), to: output)
        }
        #expect(error is CancellationError)
        #expect(try directory.contents() == ["segment.mp4"])
    }

    @Test("the synchronous API stops when its own task is cancelled")
    func cancelSynchronous() async throws {
        let directory = try Scratch()
        let output = directory.file("long.mp4")
        let task = Task.detached {
            withUnsafeCurrentTask { $0?.cancel() }
            try FilterGraphRenderer(format: smallHouse).render(
                graph: "testsrc2=s=320x180:r=24", frames: 1_000_000, to: output)
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(try directory.contents() == [])
    }
}

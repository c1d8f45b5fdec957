import Foundation
import Testing

@testable import Generation
import Planning
import TestServers

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// This directory, where the fake `generate.py` lives.
let backendTestsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// Records the waits it is asked for and waits only `realWait`.
actor WaitRecorder {
    private(set) var waits: [Duration] = []

    func add(_ wait: Duration) { waits.append(wait) }

    nonisolated func sleeper(realWait: Duration = .milliseconds(5)) -> Sleeper {
        Sleeper { wait in
            await self.add(wait)
            try await Task.sleep(for: realWait)
        }
    }
}

/// `count` distinct requests (seeds 1…count) at `tinyFormat`, from the sample plan's first segment.
func backendRequests(_ count: Int) -> [GenerationRequest] {
    let base = GenerationRequest.all(in: plan(), format: tinyFormat)[0]
    return (1...count).map { index in
        var request = base
        request.segmentID = SegmentID("S\(index)")
        request.content.seed = index
        return request
    }
}

/// Every file under `directory`, recursively.
func filesUnder(_ directory: URL) -> [URL] {
    let paths = FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []
    return paths.map { directory.appendingPathComponent($0) }.filter {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}

/// The error `body` throws, as a `BackendError`; a test failure when it throws another or none.
func backendError(_ body: () async throws -> Void) async -> BackendError? {
    do {
        try await body()
        Issue.record("expected a BackendError, got success")
    } catch let error as BackendError {
        return error
    } catch {
        Issue.record("expected a BackendError, got \(error)")
    }
    return nil
}

/// Lines collected from synchronous callbacks on any thread.
final class CollectedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }

    var all: [String] { lock.withLock { lines } }
}

/// Waits until `condition` holds, checking every 10 ms for at most 10 s; records an issue
/// when it never does.
func waitUntil(_ condition: () async throws -> Bool) async throws {
    for _ in 0..<1000 {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("the condition never held")
}

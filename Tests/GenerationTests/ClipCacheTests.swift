import Foundation
import Generation
import Media
import Testing
import TestSupport

@Suite("Clip cache entries")
struct ClipCacheTests {
    @Test func tellsValidMissingAndCorruptEntriesApart() async throws {
        let scratch = try Scratch()
        let cache = ClipCache(directory: scratch.file("cache"))
        let lock = try await cache.lock()
        defer { withExtendedLifetime(lock) {} }
        let request = GenerationRequest.all(in: plan(), format: tinyFormat)[0]
        let key = try ClipCache.key(for: request, generator: StoryboardRenderer())
        let frames = request.content.frames
        #expect(cache.state(of: key, frames: frames, format: tinyFormat) == .missing)

        try cache.prepareEntry(key)
        try await StoryboardRenderer().generate(request, to: cache.url(for: key))
        // Not trusted until admitted: its digest recorded.
        #expect(cache.state(of: key, frames: frames, format: tinyFormat) == .corrupt("has no recorded digest"))
        #expect(cache.admit(key, frames: frames, format: tinyFormat) == .valid)
        #expect(cache.state(of: key, frames: frames, format: tinyFormat) == .valid)
        #expect(cache.verify(cache.url(for: key)) == nil)
        let mode = try FileManager.default.attributesOfItem(atPath: cache.url(for: key).path)[.posixPermissions]
        #expect(mode as? Int == 0o444)
        guard case .corrupt = cache.state(of: key, frames: frames + 1, format: tinyFormat) else {
            Issue.record("a frame count mismatch must be corrupt")
            return
        }
        let wider = HouseFormat(width: 320, height: 180, frameRate: Rational(24))
        guard case .corrupt = cache.state(of: key, frames: frames, format: wider) else {
            Issue.record("a size mismatch must be corrupt")
            return
        }
        // A file cut short, as a crash would leave it without the atomic rename.
        let data = try Data(contentsOf: cache.url(for: key))
        try data.prefix(data.count / 2).write(to: cache.url(for: key))
        guard case .corrupt = cache.state(of: key, frames: frames, format: tinyFormat) else {
            Issue.record("a truncated file must be corrupt")
            return
        }
    }

    @Test func takingTheLockRemovesPartialFilesOfKilledBuilds() async throws {
        let scratch = try Scratch()
        let cache = ClipCache(directory: scratch.file("cache"))
        let key = ClipKey(String(repeating: "ab", count: 32))
        try cache.prepareEntry(key)
        let partial = cache.url(for: key).deletingLastPathComponent()
            .appendingPathComponent(".\(key).mp4.partial-\(UUID().uuidString)")
        try Data("half a clip".utf8).write(to: partial)
        try FileManager.default.createDirectory(at: cache.scratchDirectory, withIntermediateDirectories: true)
        try Data("joined".utf8).write(to: cache.scratchDirectory.appendingPathComponent("joined-x.mp4"))
        let lock = try await cache.lock()
        defer { withExtendedLifetime(lock) {} }
        #expect(!FileManager.default.fileExists(atPath: partial.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.scratchDirectory.path).isEmpty)
        #expect(cache.state(of: key, frames: 1, format: tinyFormat) == .missing)
    }

    @Test func aLockReleasedCleanlySparesTheNextBuildTheWalkAndAKilledOneDoesNot() async throws {
        let scratch = try Scratch()
        let cache = ClipCache(directory: scratch.file("cache"))
        let key = ClipKey(String(repeating: "ab", count: 32))
        try cache.prepareEntry(key)
        do { _ = try await cache.lock() }
        // A name no build of this one writes: left alone, the walk was not done.
        let partial = cache.url(for: key).deletingLastPathComponent().appendingPathComponent(".x.mp4.partial-1")
        try Data("half a clip".utf8).write(to: partial)
        do { _ = try await cache.lock() }
        #expect(FileManager.default.fileExists(atPath: partial.path), "a cleanly released lock needs no walk")
        // A build killed while holding the lock leaves no marker.
        try FileManager.default.removeItem(at: cache.directory.appendingPathComponent("released"))
        let lock = try await cache.lock()
        defer { withExtendedLifetime(lock) {} }
        #expect(!FileManager.default.fileExists(atPath: partial.path))
    }

    @Test func preparingAnEntryRemovesTheThumbnailsOfTheClipMadeBefore() throws {
        let scratch = try Scratch()
        let cache = ClipCache(directory: scratch.file("cache"))
        let key = ClipKey(String(repeating: "cd", count: 32)), other = ClipKey("cd" + String(repeating: "ef", count: 31))
        try cache.prepareEntry(key)
        try cache.prepareEntry(other)
        let old = cache.thumbnailURL(for: key, width: 256, height: 144)
        let kept = cache.thumbnailURL(for: other, width: 256, height: 144)
        #expect(old.deletingLastPathComponent() == kept.deletingLastPathComponent())
        for url in [old, kept] { try Data("jpeg".utf8).write(to: url) }
        try cache.prepareEntry(key)
        #expect(!FileManager.default.fileExists(atPath: old.path))
        #expect(FileManager.default.fileExists(atPath: kept.path))
    }

    /// A lock on the cache, and how many waited for it: a watchdog thread lets it go after a
    /// while, so that a wait that blocks the cooperative pool ends in a failure, not a hang.
    private final class HeldLock: @unchecked Sendable {
        private let mutex = NSLock()
        private var lock: CacheLock?
        private(set) var waits = 0
        init(_ lock: CacheLock) { self.lock = lock }
        var isHeld: Bool { mutex.withLock { lock != nil } }
        func release() { mutex.withLock { lock = nil } }
        func waited() { mutex.withLock { waits += 1 } }
        var waitCount: Int { mutex.withLock { waits } }
    }

    @Test func buildsWaitingForTheLockLeaveTheCooperativePoolFree() async throws {
        let scratch = try Scratch()
        let cache = ClipCache(directory: scratch.file("cache"))
        let held = HeldLock(try await cache.lock())
        // Long: in a full parallel test run other tests' blocking work can keep the pool
        // busy for tens of seconds before the waiters start. The watchdog only ends a hang.
        Thread { Thread.sleep(forTimeInterval: 180); held.release() }.start()
        // More waiters than the pool has threads: a flock blocking a pool thread would
        // leave the later ones (and this test) unable to run until the lock is let go.
        let waiters = ProcessInfo.processInfo.activeProcessorCount + 2
        let done = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<waiters {
                    group.addTask { _ = try await cache.lock(waiting: { held.waited() }) }
                }
                try await group.waitForAll()
            }
        }
        while held.waitCount < waiters, held.isHeld { try await Task.sleep(for: .milliseconds(20)) }
        #expect(held.isHeld, "every waiter was waiting while the lock was held")
        #expect(held.waitCount == waiters)
        held.release()
        try await done.value
    }
}

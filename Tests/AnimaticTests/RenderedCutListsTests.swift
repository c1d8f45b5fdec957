@testable import Animatic
import CutLists
import Foundation
import Testing

/// The text cut lists a build renders beside its steps: each step gets its format's bytes,
/// waiting for them when asked before they are rendered; the rendering thread yields to the
/// build's others, and only it.
@Suite("cut lists rendered beside the build")
struct RenderedCutListsTests {
    /// What the render closure saw: each format's nice value on its thread.
    private final class Seen: @unchecked Sendable {
        let lock = NSLock()
        var nice: [CutListFormat: Int32] = [:]
    }

    private static func ownNice() -> Int32 {
        errno = 0
        return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
    }

    @Test("each format's bytes, waited for; nil for a format not rendered; the caller's priority untouched")
    func bytesAreWaitedFor() async throws {
        let before = Self.ownNice()
        let seen = Seen()
        let gate = DispatchSemaphore(value: 0)
        let rendered = RenderedCutLists([.edl, .csv]) { format in
            seen.lock.withLock { seen.nice[format] = Self.ownNice() }
            if format == .edl { gate.wait() }  // asked for before it is rendered
            return format == .csv ? nil : Data("\(format)".utf8)
        }
        async let edl = rendered.bytes(of: .edl)
        try await Task.sleep(nanoseconds: 50_000_000)
        gate.signal()
        #expect(await edl == Data("edl".utf8))
        #expect(await rendered.bytes(of: .edl) == Data("edl".utf8))  // asked again, after
        #expect(await rendered.bytes(of: .csv) == nil)  // rendered to nothing
        #expect(await rendered.bytes(of: .fcp7) == nil)  // not rendered here
        #expect(Self.ownNice() == before)
        let nice = seen.lock.withLock { seen.nice }
        #expect(nice[.edl] == min(before + 5, 19))
        #expect(nice[.csv] == min(before + 5, 19))
    }
}

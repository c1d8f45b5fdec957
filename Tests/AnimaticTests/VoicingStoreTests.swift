import Foundation
import Media
import Planning
import Screenplay
import Testing

@testable import Animatic

/// Lines voiced without `storing` (a dry run, a build yet to be priced) are written one by one
/// to a scratch folder, not held in memory, and `store()` puts the same bytes in the cache a
/// storing voicing writes.
@Suite("Voicing: lines made before the build goes ahead")
struct VoicingStoreTests {
    static let script = """
        INT. GARAGE - NIGHT

        EDWARD
        Hand me the wrench.

        MARCUS (V.O.)
        Which one?

        EDWARD
        Hand me the wrench.

        """

    @Test func unstoredLinesWaitOnDiskAndStoreTheSameBytesAsAStoringVoicing() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("voicing-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let screenplay = FountainReader.parse(Self.script).screenplay
        let (storedCache, laterCache) = (root.appendingPathComponent("stored"), root.appendingPathComponent("later"))
        let stored = try Voicing.make(screenplay, settings: SoundSettings(), scriptDirectory: root, cache: storedCache)

        var later = try Voicing.make(
            screenplay, settings: SoundSettings(), scriptDirectory: root, cache: laterCache, storing: false)
        #expect(!FileManager.default.fileExists(atPath: laterCache.path), "nothing in the cache before store()")
        let scratch = try #require(later.scratch?.url)
        // Two distinct lines (the repeated one is shared), each already a file, not bytes in memory.
        #expect(later.unstored.count == 2)
        #expect(later.unstored.values.allSatisfy { $0.path.hasPrefix(scratch.path) && FileManager.default.fileExists(atPath: $0.path) })

        // What waits in the scratch folder is what the cache gets. (The two voicings' samples
        // are not compared with each other: eSpeak keeps state between utterances, and other
        // suites speak on the same engine in between, so a line can differ by a few samples.)
        let waiting = try later.unstored.mapValues { try Data(contentsOf: $0) }
        try later.store()
        #expect(later.unstored.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: scratch.path), "the scratch folder goes once stored")
        #expect(later.lines.count == 3 && Set(later.lines.keys) == Set(stored.lines.keys))
        for (start, line) in stored.lines {
            let moved = try #require(later.lines[start])
            #expect(moved.key == line.key, "line at \(start): the same cache entry")
            #expect(
                moved.file.path.dropFirst(laterCache.path.count) == line.file.path.dropFirst(storedCache.path.count),
                "line at \(start): at the same place in its cache")
            #expect(try Data(contentsOf: moved.file) == waiting[moved.file], "line at \(start): the bytes made")
            #expect(WAVFile.monoSampleCount(moved.file) == moved.samples, "line at \(start): a mono WAV of its length")
        }
    }

    @Test func aVoicingDroppedUnstoredLeavesNoScratchBehind() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("voicing-drop-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var scratch: URL?
        do {
            let voicing = try Voicing.make(
                FountainReader.parse(Self.script).screenplay, settings: SoundSettings(), scriptDirectory: root,
                cache: root.appendingPathComponent("cache"), storing: false)
            scratch = voicing.scratch?.url
            #expect(scratch.map { FileManager.default.fileExists(atPath: $0.path) } == true)
        }
        #expect(scratch.map { FileManager.default.fileExists(atPath: $0.path) } == false, "a dry run's scratch is removed")
    }
}

import Foundation
import Generation
import Media
import Testing
import TestSupport

/// `manifest.tsv`: a later cache value trusts an entry checked in full before while its clip
/// and digest keep their sizes and modification times, and checks it in full again otherwise.
@Suite("Clip cache manifest")
struct ClipManifestTests {
    /// A cache holding one admitted entry, its key and frame count.
    private func admittedEntry(in scratch: Scratch) async throws -> (ClipCache, ClipKey, Int) {
        let cache = ClipCache(directory: scratch.file("cache"))
        let request = GenerationRequest.all(in: plan(), format: tinyFormat)[0]
        let key = try ClipCache.key(for: request, generator: StoryboardRenderer())
        try cache.prepareEntry(key)
        try await StoryboardRenderer().generate(request, to: cache.url(for: key))
        #expect(cache.admit(key, frames: request.content.frames, format: tinyFormat) == .valid)
        return (cache, key, request.content.frames)
    }

    /// The access and modification times of `url` to the nanosecond, to put back after an edit.
    private func times(_ url: URL) -> [timespec] {
        var status = stat()
        _ = lstat(url.path, &status)
        return [status.st_atim, status.st_mtim]
    }

    /// Gives `url` the access and modification `times`, to the nanosecond.
    private func setTimes(_ url: URL, _ times: [timespec]) {
        #expect(utimensat(AT_FDCWD, url.path, times, 0) == 0)
    }

    @Test func anEntryAsRecordedIsTrustedWithoutBeingRead() async throws {
        let scratch = try Scratch()
        let (cache, key, frames) = try await admittedEntry(in: scratch)
        try cache.saveManifest()
        let clip = cache.url(for: key)
        // The clip's header says another frame count, but the file keeps its size and time:
        // only a build that reads it can tell, and the manifest spares that read.
        let time = times(clip)
        var bytes = try Data(contentsOf: clip)
        let moov = try #require(bytes.firstRange(of: Data("moov".utf8)))
        bytes.replaceSubrange(moov, with: Data("free".utf8))
        try bytes.write(to: clip)
        setTimes(clip, time)
        #expect(ClipCache(directory: cache.directory).state(of: key, frames: frames, format: tinyFormat) == .valid)
        // Without the manifest the same cache reads the clip and finds it damaged.
        try FileManager.default.removeItem(at: cache.directory.appendingPathComponent("manifest.tsv"))
        guard case .corrupt = ClipCache(directory: cache.directory).state(of: key, frames: frames, format: tinyFormat) else {
            Issue.record("a clip without its moov box must be corrupt")
            return
        }
    }

    @Test func aChangedTimeSizeOrRequestIsCheckedInFull() async throws {
        let scratch = try Scratch()
        let (cache, key, frames) = try await admittedEntry(in: scratch)
        try cache.saveManifest()
        let manifest = cache.directory.appendingPathComponent("manifest.tsv")
        let saved = try Data(contentsOf: manifest)
        // Nothing learnt, nothing written: a no-op leaves the manifest alone.
        let again = ClipCache(directory: cache.directory)
        #expect(again.state(of: key, frames: frames, format: tinyFormat) == .valid)
        try again.saveManifest()
        #expect(try Data(contentsOf: manifest) == saved)

        // Another frame count or size than recorded is not vouched for.
        guard case .corrupt = ClipCache(directory: cache.directory).state(of: key, frames: frames + 1, format: tinyFormat) else {
            Issue.record("a frame count mismatch must be corrupt")
            return
        }
        // A digest record removed: the entry is no longer trusted.
        let digest = ClipCache.digestURL(of: cache.url(for: key))
        let record = try Data(contentsOf: digest)
        try FileManager.default.removeItem(at: digest)
        #expect(ClipCache(directory: cache.directory).state(of: key, frames: frames, format: tinyFormat)
            == .corrupt("has no recorded digest"))
        try record.write(to: digest)
        // A clip touched but unchanged is read once, found valid and recorded anew.
        let clip = cache.url(for: key)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 5)], ofItemAtPath: clip.path)
        let touched = ClipCache(directory: cache.directory)
        #expect(touched.state(of: key, frames: frames, format: tinyFormat) == .valid)
        try touched.saveManifest()
        #expect(try Data(contentsOf: manifest) != saved)
        // A discarded entry is forgotten.
        touched.discard(clip)
        try touched.saveManifest()
        #expect(!String(decoding: try Data(contentsOf: manifest), as: UTF8.self).contains(key.rawValue))
    }
}

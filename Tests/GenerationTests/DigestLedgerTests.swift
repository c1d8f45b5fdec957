import Foundation
@testable import Generation
import Media
import Testing
import TestSupport

/// `digests.tsv`: an entry's recorded SHA-256 is trusted without reading it while the entry
/// and its record stand as they did when it was sealed or last matched (inode, size,
/// modification and status-change times); anything else is hashed again.
@Suite("Digest ledger")
struct DigestLedgerTests {
    /// A file sealed into a new cache at `scratch` (sealing reads it and records its digest),
    /// and the ledger saved.
    private func sealedEntry(in scratch: Scratch, margin: Int = DigestLedger.defaultMargin) throws -> (ClipCache, URL) {
        let cache = ClipCache(directory: scratch.file("cache"), ledgerMargin: margin)
        let file = cache.sheetPageURL(for: String(repeating: "ab", count: 32))
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: file)
        try cache.seal(file)
        try cache.saveManifest()
        return (cache, file)
    }

    private func vouched(_ file: URL, in directory: URL) -> Bool {
        ClipCache(directory: directory).ledger.vouches(for: file, record: ClipCache.digestURL(of: file))
    }

    /// Complements a byte of `file` in place, then puts back its permissions and its access
    /// and modification times to the nanosecond (`touch -d`): same inode, size and time.
    private func rewriteKeepingTimes(_ file: URL) throws {
        var status = stat()
        #expect(lstat(file.path, &status) == 0)
        #expect(chmod(file.path, 0o644) == 0)
        var data = try Data(contentsOf: file)
        data[100] = ~data[100]
        let handle = try FileHandle(forWritingTo: file)
        try handle.write(contentsOf: data)
        try handle.close()
        #expect(chmod(file.path, status.st_mode & 0o777) == 0)
        #expect(utimensat(AT_FDCWD, file.path, [status.st_atim, status.st_mtim], 0) == 0)
    }

    @Test func aSealedEntryIsTrustedUntilRewrittenInPlaceWithItsTimesRestored() throws {
        let scratch = try Scratch()
        let (cache, file) = try sealedEntry(in: scratch)
        #expect(vouched(file, in: cache.directory))
        #expect(ClipCache(directory: cache.directory).verify(file) == nil)
        try rewriteKeepingTimes(file)
        // Size and modification time as sealed: only the status-change time tells.
        #expect(!vouched(file, in: cache.directory))
        let later = ClipCache(directory: cache.directory)
        #expect(later.verify(file) == "its content does not match its recorded digest")
        try later.saveManifest()
        #expect(!vouched(file, in: cache.directory))
    }

    @Test func aCheckIsRecordedOnlyForFilesChangedLongerAgoThanTheMargin() throws {
        let scratch = try Scratch()
        let (cache, file) = try sealedEntry(in: scratch)
        let ledger = cache.directory.appendingPathComponent("digests.tsv")
        try FileManager.default.removeItem(at: ledger)
        // Sealed a moment ago: a change in the same tick of the clock could follow unseen,
        // so the check is not recorded and the next one reads the file again.
        let strict = ClipCache(directory: cache.directory)
        #expect(strict.verify(file) == nil)
        try strict.saveManifest()
        #expect(!FileManager.default.fileExists(atPath: ledger.path))
        let lenient = ClipCache(directory: cache.directory, ledgerMargin: 0)
        #expect(lenient.verify(file) == nil)
        try lenient.saveManifest()
        #expect(vouched(file, in: cache.directory))
    }

    @Test func aReplacedRecordOrADiscardedEntryIsNotTrusted() throws {
        let scratch = try Scratch()
        let (cache, file) = try sealedEntry(in: scratch, margin: 0)
        // The same record written again is another file: the entry is hashed, and matches.
        let record = ClipCache.digestURL(of: file)
        let text = try Data(contentsOf: record)
        try writeAtomically(to: record) { path in try text.write(to: URL(fileURLWithPath: path)) }
        #expect(!vouched(file, in: cache.directory))
        let checked = ClipCache(directory: cache.directory, ledgerMargin: 0)
        #expect(checked.verify(file) == nil)
        try checked.saveManifest()
        #expect(vouched(file, in: cache.directory))
        // A discarded entry is forgotten.
        let discarding = ClipCache(directory: cache.directory)
        discarding.discard(file)
        try discarding.saveManifest()
        let saved = String(decoding: try Data(contentsOf: cache.directory.appendingPathComponent("digests.tsv")), as: UTF8.self)
        #expect(!saved.contains(file.lastPathComponent))
    }
}

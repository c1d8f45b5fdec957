import Foundation
import Media
import Planning

/// A content-addressed store of generated clips: `clips/ab/abcdef….mp4` under `directory`,
/// named by the SHA-256 of everything that shapes the clip's pixels (`key(for:generator:)`).
///
/// Entries are written to a temporary name (`.….partial-UUID`) and renamed into place, so
/// an entry exists only once complete. Temporary files are never read; a build holding the
/// cache's lock removes any that a killed build left.
///
/// Every entry (clip, thumbnail, sheet page) is sealed when written: its size and SHA-256
/// go beside it (`….sha256`) and it is made read-only. Finding an entry checks that it is
/// a regular file whose MP4 header says the right size and frame count, and whose size is
/// the recorded one (a stat and a header read), once: `manifest.tsv` then vouches for it
/// while its files keep their sizes and times (`ClipManifest`); before an
/// entry feeds an output that is being rewritten, `verify` checks its content's digest —
/// by reading it, unless `digests.tsv` vouches that the entry and its record stand as they
/// did when it was sealed or last matched (`DigestLedger`: inode, size, modification and
/// status-change times).
/// An entry that fails either check — damaged, swapped, a FIFO or a directory in its
/// place, or without a recorded digest — is discarded and made again.
public struct ClipCache: Sendable {
    /// The cache's root directory.
    public var directory: URL
    /// The entries as last checked (`manifest.tsv`), which spare a rebuild reading them.
    let manifest: ClipManifest
    /// The entries whose content last matched their digest, and how they then stood (`digests.tsv`).
    let ledger: DigestLedger
    /// `clips/` under the directory, as a path: an entry's URL is made from one string, not
    /// three path components appended (thousands of times in a feature's build).
    private let clipsPath: String

    /// The cache rooted at `directory` (created on `lock()`).
    public init(directory: URL) {
        self.init(directory: directory, ledgerMargin: DigestLedger.defaultMargin)
    }

    /// The cache rooted at `directory`, whose ledger records a check only of files changed
    /// more than `ledgerMargin` nanoseconds before it (`DigestLedger`).
    init(directory: URL, ledgerMargin: Int) {
        self.directory = directory
        clipsPath = directory.appendingPathComponent("clips", isDirectory: true).path
        manifest = ClipManifest(file: directory.appendingPathComponent("manifest.tsv"))
        ledger = DigestLedger(file: directory.appendingPathComponent("digests.tsv"), root: directory, margin: ledgerMargin)
    }

    /// Bumped if the key's text changes form. 2: the backend's own key material
    /// (`Generator.keyMaterial`) in place of its settings and the whole segment content.
    public static let keyVersion = 2

    /// What a key is a hash of: the backend, what it is given, and the encoder (absent,
    /// and marked `raw`, in the key of a backend's own clip: `rawKey`).
    struct KeyMaterial: Encodable {
        var raw: Bool?
        var keyVersion: Int
        var backend: String
        var encoder: String?
        var material: String
        /// The segment's sound, only for a backend driven by audio (absent otherwise, so
        /// every other key is as before).
        var audio: String?
    }

    /// The canonical text of `request`'s key: JSON with sorted keys of the backend's name,
    /// the house format's encoder settings and what the backend is given for the request
    /// (`Generator.keyMaterial`). The segment ID, source range and timeline position are not in it.
    /// - Throws: when the material cannot be encoded (`CanonicalJSON`).
    public static func keyText(for request: GenerationRequest, generator: any Generator) throws -> String {
        let material = KeyMaterial(
            raw: nil, keyVersion: keyVersion, backend: generator.name, encoder: request.format.encoderSettings,
            material: String(decoding: try generator.keyMaterial(for: request), as: UTF8.self),
            audio: request.drivingAudioKey)
        return String(decoding: try CanonicalJSON.data(material), as: UTF8.self)
    }

    /// The cache key of `request` for `generator`: the SHA-256 of `keyText`, in hex.
    public static func key(for request: GenerationRequest, generator: any Generator) throws -> ClipKey {
        ClipKey(SHA256.hex(try keyText(for: request, generator: generator).utf8))
    }

    /// Where the entry for `key` lives.
    public func url(for key: ClipKey) -> URL {
        entryURL(key, suffix: ".mp4")
    }

    /// `clips/ab/abcdef…<suffix>`.
    private func entryURL(_ key: ClipKey, suffix: String) -> URL {
        URL(fileURLWithPath: clipsPath + "/" + key.rawValue.prefix(2) + "/" + key.rawValue + suffix, isDirectory: false)
    }

    /// Where the quality-control record of `key`'s clip lives: beside the clip, named by
    /// the same key (`clips/ab/abcdef….qc.json`), so a reused clip is not analysed again.
    public func qcURL(for key: ClipKey) -> URL {
        entryURL(key, suffix: ".qc.json")
    }

    /// Bumped when the frame a thumbnail shows, or how it is encoded, changes.
    public static let thumbnailVersion = 1

    /// Where the `width`×`height` JPEG thumbnail of `key`'s clip lives: beside the clip,
    /// named by the same key (`clips/ab/abcdef….thumb1-256x144.jpg`), so a clip's thumbnail
    /// is grabbed once, however often the clip is reused.
    public func thumbnailURL(for key: ClipKey, width: Int, height: Int) -> URL {
        entryURL(key, suffix: ".thumb\(Self.thumbnailVersion)-\(width)x\(height).jpg")
    }

    /// Where a contact sheet page whose content hashes to `key` lives (`sheets/ab/abcdef….png`),
    /// so a rebuild draws only the pages whose shots or captions changed.
    public func sheetPageURL(for key: String) -> URL { sheetsEntry(key, extension: "png") }

    /// Where the picture bands of a contact sheet page (its rows' pictures, deflated) whose
    /// content hashes to `key` live (`sheets/ab/abcdef….bands`), so a page whose captions
    /// changed deflates only those.
    public func sheetBandsURL(for key: String) -> URL { sheetsEntry(key, extension: "bands") }

    /// `sheets/ab/abcdef….extension`: the contact sheet's entries, under their key's first two digits.
    private func sheetsEntry(_ key: String, extension: String) -> URL {
        directory.appendingPathComponent("sheets", isDirectory: true)
            .appendingPathComponent(String(key.prefix(2)), isDirectory: true)
            .appendingPathComponent(key + "." + `extension`)
    }

    /// Where temporary files of the build (downloads, raw clips, references, takes) go.
    public var scratchDirectory: URL { directory.appendingPathComponent("tmp", isDirectory: true) }

    /// The state of an entry.
    public enum EntryState: Sendable, Hashable {
        /// Complete: `frames` frames of the expected size.
        case valid
        /// No entry for the key.
        case missing
        /// An entry that cannot be trusted, and why.
        case corrupt(String)
    }

    /// Whether the entry for `key` is there and holds `frames` frames of `format`'s size.
    /// An entry the manifest vouches for (its clip and digest as they were when last checked
    /// in full) is valid without being opened: two `lstat`s. Any other is checked in full,
    /// reading its recorded digest and only the clip's `moov` box (no decoder is opened).
    public func state(of key: ClipKey, frames: Int, format: HouseFormat) -> EntryState {
        let file = url(for: key)
        if manifest.vouches(
            for: key.rawValue, clip: file, digest: Self.digestURL(of: file), frames: frames, width: format.width, height: format.height)
        {
            return .valid
        }
        let state = checkedState(of: file, frames: frames, format: format)
        if state == .valid {
            manifest.record(key.rawValue, clip: file, digest: Self.digestURL(of: file), frames: frames, width: format.width,
                            height: format.height)
        } else {
            manifest.forget(key.rawValue)
        }
        return state
    }

    /// `state` read from the files: the digest's record, the size, the `moov` box.
    private func checkedState(of file: URL, frames: Int, format: HouseFormat) -> EntryState {
        var status = stat()
        guard lstat(file.path, &status) == 0 else { return .missing }
        guard let size = RegularFile.status(file.path)?.size else { return .corrupt("is not a regular file") }
        guard let recorded = Self.recordedDigest(of: file) else { return .corrupt("has no recorded digest") }
        guard recorded.size == size else { return .corrupt("is \(size) bytes, not the \(recorded.size) recorded") }
        return headerState(of: file, frames: frames, format: format)
    }

    /// Writes back what this value's checks, seals and admissions taught the manifest and
    /// the digest ledger, so that the next build trusts those entries without opening them;
    /// nothing when nothing changed.
    public func saveManifest() throws {
        try manifest.save()
        try ledger.save()
    }

    /// Whether the clip at `file` is a complete MP4 of `frames` frames of `format`'s size.
    private func headerState(of file: URL, frames: Int, format: HouseFormat) -> EntryState {
        guard let header = MP4Header.read(file.path) else {
            return .corrupt("is not a complete MP4 file with a video track")
        }
        guard header.width == format.width, header.height == format.height else {
            return .corrupt("is \(header.width)x\(header.height), not \(format.width)x\(format.height)")
        }
        guard header.frames == frames else { return .corrupt("holds \(header.frames) frames, not \(frames)") }
        return .valid
    }

    /// Takes a clip just written for `key` into the cache: checks that it is a complete MP4
    /// of `frames` frames of `format`'s size, then seals it. A clip that fails is discarded.
    public func admit(_ key: ClipKey, frames: Int, format: HouseFormat) -> EntryState {
        let file = url(for: key)
        guard RegularFile.status(file.path) != nil else {
            var status = stat()
            if lstat(file.path, &status) != 0 { return .missing }
            discard(file)
            return .corrupt("is not a regular file")
        }
        let state = headerState(of: file, frames: frames, format: format)
        guard state == .valid else {
            discard(file)
            return state
        }
        do { try seal(file) } catch {
            discard(file)
            return .corrupt("cannot be sealed: \(error)")
        }
        manifest.record(key.rawValue, clip: file, digest: Self.digestURL(of: file), frames: frames, width: format.width,
                        height: format.height)
        return .valid
    }

    /// Where the size and digest of the entry at `file` are recorded: `….mp4.sha256` beside it.
    public static func digestURL(of file: URL) -> URL {
        URL(fileURLWithPath: file.path + ".sha256", isDirectory: false)
    }

    /// The size and digest recorded for the entry at `file`, if any.
    public static func recordedDigest(of file: URL) -> FileDigest? {
        RegularFile.read(digestURL(of: file).path, limit: 4096).flatMap { FileDigest(text: String(decoding: $0, as: UTF8.self)) }
    }

    /// Records the size and digest of the entry at `file` (atomically) and makes it read-only,
    /// so that nothing edits it by accident.
    public func seal(_ file: URL) throws {
        chmod(file.path, 0o444)
        // Stamped after the chmod, its last change of ours, and before the read: a write while
        // the digest is read (a backend still flushing) changes the stamp, and the ledger
        // then does not vouch for the entry, which is read again before it feeds an output.
        let before = DigestLedger.Stamp(file.path)
        guard let digest = RegularFile.digest(file.path) else {
            throw MediaError.fileSystem(operation: "read", path: file.path, errno: EINVAL, message: "not a readable regular file")
        }
        try writeAtomically(to: Self.digestURL(of: file)) { path in
            try Data(digest.text.utf8).write(to: URL(fileURLWithPath: path))
        }
        if let before, DigestLedger.Stamp(file.path) == before { ledger.record(file, record: Self.digestURL(of: file)) }
    }

    /// Nil when the entry at `file` is a regular file whose content matches its recorded
    /// digest, else what is wrong with it. Reads the whole file, unless the ledger vouches
    /// that it and its record stand as they did when it last matched (two `lstat`s).
    public func verify(_ file: URL) -> String? {
        let record = Self.digestURL(of: file)
        if ledger.vouches(for: file, record: record) { return nil }
        // Stamped before the read: a change during it shows in the stamps after.
        let before = DigestLedger.stamps(of: file, record: record)
        guard let recorded = Self.recordedDigest(of: file) else { return "has no recorded digest" }
        guard let actual = RegularFile.digest(file.path) else { return "is not a readable regular file" }
        guard actual == recorded else {
            ledger.forget(file)
            return actual.size == recorded.size
                ? "its content does not match its recorded digest" : "is \(actual.size) bytes, not the \(recorded.size) recorded"
        }
        if let before, DigestLedger.stamps(of: file, record: record) == before { ledger.record(file, record: record, checked: before) }
        return nil
    }

    /// Removes the entry at `file`, whatever it is (a directory too), and its recorded digest.
    public func discard(_ file: URL) {
        manifest.forget(file.deletingPathExtension().lastPathComponent)
        ledger.forget(file)
        try? FileManager.default.removeItem(at: file)
        try? FileManager.default.removeItem(at: Self.digestURL(of: file))
    }

    /// Makes the directory for `key`'s entry, before its clip is made, and removes whatever
    /// is there under the key (a damaged entry, or anything else in its place) and the
    /// thumbnails and quality-control record of any clip made under that key before.
    public func prepareEntry(_ key: ClipKey) throws {
        let directory = url(for: key).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        discard(url(for: key))
        // A clip made again under its key may look different (a remote model is not
        // deterministic): the thumbnails of the old one go with it.
        let thumbnails = "\(key).thumb"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        where name.hasPrefix(thumbnails) || name == "\(key).qc.json" {
            ledger.forget(directory.appendingPathComponent(name))
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// Creates the cache and takes its lock, waiting for another build to finish with it;
    /// then, unless the last build to hold it released it cleanly, removes temporary files
    /// left by killed builds (no other build can be writing). `waiting` is called once if
    /// the lock is held elsewhere. The lock is released when the returned value is freed or
    /// the process ends, however it ends.
    ///
    /// A walk of the whole cache costs a feature's no-op rebuild more than its own work, so
    /// it is done only when needed: releasing the lock leaves a marker (`released`) that
    /// taking it removes, so a build killed while holding it leaves none, and so does a
    /// cache an older animatic used.
    public func lock(waiting: () -> Void = {}) async throws -> CacheLock {
        try FileManager.default.createDirectory(at: scratchDirectory, withIntermediateDirectories: true)
        let marker = directory.appendingPathComponent("released").path
        let lock = try await CacheLock(path: directory.appendingPathComponent(".lock").path, marker: marker, waiting: waiting)
        if unlink(marker) != 0 { removePartials() }
        return lock
    }

    /// Removes every temporary file under the cache (partial entries and pages, scratch files).
    private func removePartials() {
        let manager = FileManager.default
        if let contents = try? manager.contentsOfDirectory(at: scratchDirectory, includingPropertiesForKeys: nil) {
            for file in contents { try? manager.removeItem(at: file) }
        }
        // The sound's stores too: spoken lines, music beds, AAC chunks, media manifests.
        for store in ["clips", "raw", "sheets", "lines", "music", "audio", "media"] {
            let root = directory.appendingPathComponent(store)
            guard let files = manager.enumerator(atPath: root.path) else { continue }
            for case let path as String in files where (path as NSString).lastPathComponent.contains(".partial-") {
                try? manager.removeItem(at: root.appendingPathComponent(path))
            }
        }
    }
}

/// An exclusive `flock` on the cache: one build at a time writes to a cache.
public final class CacheLock: Sendable {
    private let descriptor: Int32
    /// The file whose presence tells the next build that this one released the lock cleanly.
    private let marker: String

    /// Takes the lock at `path`. When another process holds it, `waiting` is called and the
    /// blocking `flock` runs on a thread of its own, awaited, so that waiting (for as long
    /// as the other build takes) never holds one of the few threads of Swift's cooperative
    /// pool. A cancelled task still waits for the lock: a blocked `flock` cannot be
    /// interrupted, and the process's own stop ends it.
    init(path: String, marker: String, waiting: () -> Void) async throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            throw MediaError.fileSystem(operation: "open", path: path, errno: code, message: String(cString: strerror(code)))
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            waiting()
            let code = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
                Thread { continuation.resume(returning: flock(descriptor, LOCK_EX) == 0 ? 0 : errno) }.start()
            }
            guard code == 0 else {
                close(descriptor)
                throw MediaError.fileSystem(
                    operation: "flock", path: path, errno: code, message: String(cString: strerror(code)))
            }
        }
        self.descriptor = descriptor
        self.marker = marker
    }

    deinit {
        // Created while the lock is still held, so no build sees it before this one is done.
        let file = open(marker, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        if file >= 0 { close(file) }
        close(descriptor)
    }
}

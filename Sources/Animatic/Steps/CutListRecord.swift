import CutLists
import Foundation
import Generation
import Media
import Planning

/// What a build last wrote as cut lists and sheet pages beside a video, kept in the cache
/// (`outputs/<hash of the video's path>.cutlists`): a digest of everything they were made
/// from, and each file's size and modification time. It decides the thumbnail, sheet page
/// and cut list steps' status, as ninja trusts its log: when no clip is to be made, the
/// digest is the recorded one and every file is as written, those steps are up to date and
/// do nothing — no thumbnail is read, no page placed, no cut list rendered to compare (a
/// feature's storyboard page alone embeds 1,700 pictures).
struct CutListRecord: Sendable {
    /// The record as a build plans its cut list steps: where it is kept, the digest and
    /// files of this build's cut lists, and whether the record vouches for them.
    struct Planned: Sendable {
        var url: URL
        var digest: String
        var files: [URL]
        /// The record vouches for the files: every thumbnail, sheet page and cut list step
        /// is up to date and does nothing.
        var current: Bool
        /// Whether the digest is known before generation, so the build may record its files:
        /// not when quality control will judge clips still to be made (its notes and the
        /// takes it places are known only after).
        var recordable: Bool
    }

    /// Bumped when what the digest covers, or the file's form, changes.
    static let version = "animatic-cut-lists 3"

    /// The digest of the cut lists' inputs.
    var digest: String
    /// The files, in order, each with its size and modification time (nanoseconds).
    var files: [(path: String, size: Int, modified: Int)]

    /// The digest of the cut lists of `timeline` (made from the build's inputs digest
    /// `inputs`: plan, format, every segment's key, sound), as `settings` asks for them,
    /// with each timeline segment's clip in `keys`, `qcNotes`, and what the storyboard page
    /// marks from the settings: draft segments and the review's marks. The program's own
    /// file is in it too, so that a new build of animatic, whose writers may write other
    /// bytes, renders the lists again.
    static func digest(
        inputs: String, settings: BuildSettings, keys: [(SegmentID, ClipKey)], qcNotes: QCNotes, withAudio: Bool
    ) -> String {
        let program = Bundle.main.executablePath.flatMap(RegularFile.status).map { "\($0.size) \($0.modified)" } ?? ""
        var text = "\(version)\n\(program)\n\(inputs)\n\(settings.output.path)\n\(settings.size)\n"
            + settings.cutLists.map(\.rawValue).joined(separator: ",") + "\n\(settings.edlFlavor.rawValue)\n\(withAudio)\n"
        for (segment, key) in keys { text += "\(segment)\t\(key)\n" }
        for (segment, note) in qcNotes.segments.sorted(by: { $0.key < $1.key }) {
            text += "qc\t\(segment)\t\(note.passed)\t\(note.text)\n"
        }
        for (shot, note) in qcNotes.takes.sorted(by: { $0.key < $1.key }) { text += "takes\t\(shot)\t\(note.passed)\t\(note.text)\n" }
        if let quality = settings.quality {
            text += "quality\t\(quality.level.rawValue)\t" + quality.finalSegments.map(\.rawValue).sorted().joined(separator: ",") + "\n"
        }
        for (shot, marks) in settings.reviewMarks.sorted(by: { $0.key < $1.key }) {
            text += "review\t\(shot)\t\(marks.status ?? "")\n"
            for note in marks.notes { text += "\t\(note.applied)\t\(note.by ?? "")\t\(note.at ?? "")\t\(note.text)\n" }
        }
        return SHA256.hex(text.utf8)
    }

    /// Where the record of the cut lists beside `video` is kept in `cache`.
    static func url(for video: URL, in cache: ClipCache) -> URL {
        cache.directory.appendingPathComponent("outputs", isDirectory: true)
            .appendingPathComponent(SHA256.hex(video.standardizedFileURL.path.utf8) + ".cutlists")
    }

    /// Whether the record at `url` vouches for `files` made from `digest`: the same digest,
    /// the same files, each with its recorded size and time.
    static func vouches(at url: URL, digest: String, files: [URL]) -> Bool {
        guard let record = CutListRecord(reading: url), record.digest == digest,
            record.files.map(\.path) == files.map(\.path)
        else { return false }
        return record.files.allSatisfy { file in
            RegularFile.status(file.path).map { $0.size == file.size && $0.modified == file.modified } ?? false
        }
    }

    /// The record of `files` as they are now, made from `digest`; nil when one is missing.
    init?(digest: String, files: [URL]) {
        var stamped: [(path: String, size: Int, modified: Int)] = []
        for file in files {
            guard let status = RegularFile.status(file.path) else { return nil }
            stamped.append((path: file.path, size: status.size, modified: status.modified))
        }
        self.digest = digest
        self.files = stamped
    }

    /// The record kept at `url`; nil when there is none or it cannot be read.
    init?(reading url: URL) {
        guard let data = RegularFile.read(url.path) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2, lines[0] == Substring(Self.version) else { return nil }
        digest = String(lines[1])
        files = []
        for line in lines.dropFirst(2) where !line.isEmpty {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let size = Int(fields[0]), let modified = Int(fields[1]) else { return nil }
            files.append((path: String(fields[2]), size: size, modified: modified))
        }
    }

    /// Writes the record to `url` (atomically, unless it holds these bytes already).
    func write(to url: URL) throws {
        let text = ([Self.version, digest] + files.map { "\($0.size)\t\($0.modified)\t\($0.path)" }).joined(separator: "\n") + "\n"
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.update(Data(text.utf8), at: url)
    }
}

extension Builder {
    /// After the report: records the files the cut list steps of `plan` wrote or found
    /// current, when every one of those steps did its work and no segment failed (a
    /// failure card's clip is never recorded). A record that cannot be written only costs
    /// the next build its cut lists' rendering.
    func recordCutLists(_ plan: StepPlan, run: BuildRun) {
        guard let planned = plan.cutLists, !planned.current, planned.recordable else { return }
        let expected = plan.steps.count { [.thumbnail, .sheetDraw, .sheetPage, .cutList].contains($0.kind) }
        let (done, clean) = run.update { ($0.cutListStepsDone, $0.outcome.failures.isEmpty && $0.cards.isEmpty) }
        guard done == expected, clean, let record = CutListRecord(digest: planned.digest, files: planned.files) else { return }
        try? record.write(to: planned.url)
    }
}

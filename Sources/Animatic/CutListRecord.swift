import CutLists
import Foundation
import Generation
import Planning

/// What a build last wrote as cut lists beside a video, kept in the cache
/// (`outputs/<hash of the video's path>.cutlists`): a digest of everything they were made
/// from, and each file's size and modification time. A rebuild that finds the same digest,
/// every file as written and no clip changed since (the video is up to date) writes none of
/// them again — it reads no thumbnail, draws no page and renders no cut list to compare —
/// as ninja trusts its log. A feature's storyboard page alone embeds 1,700 pictures.
struct CutListRecord {
    /// Bumped when what the digest covers, or the file's form, changes.
    static let version = "animatic-cut-lists 2"

    /// The digest of the cut lists' inputs.
    var digest: String
    /// The files written, in order, each with its size and modification time (nanoseconds).
    var files: [(path: String, size: Int, modified: Int)]

    /// The digest of the cut lists of a video made from `inputs` (the build's inputs digest:
    /// plan, format, every segment's key, sound), as `settings` asks for them, with each
    /// segment's clip in `keys` (a failure card's for a failed one), `qcNotes`, and what
    /// the storyboard page marks from the settings: draft segments and the review's marks.
    static func digest(
        inputs: String, settings: BuildSettings, keys: [String: String], qcNotes: QCNotes, withAudio: Bool
    ) -> String {
        var text = "\(version)\n\(inputs)\n\(settings.output.path)\n\(settings.size)\n"
            + settings.cutLists.map(\.rawValue).joined(separator: ",") + "\n\(settings.edlFlavor.rawValue)\n\(withAudio)\n"
        for (segment, key) in keys.sorted(by: { $0.key < $1.key }) { text += "\(segment)\t\(key)\n" }
        for (segment, note) in qcNotes.segments.sorted(by: { $0.key < $1.key }) {
            text += "qc\t\(segment)\t\(note.passed)\t\(note.text)\n"
        }
        for (shot, note) in qcNotes.takes.sorted(by: { $0.key < $1.key }) { text += "takes\t\(shot)\t\(note.passed)\t\(note.text)\n" }
        if let quality = settings.quality {
            text += "quality\t\(quality.level.rawValue)\t" + quality.finalSegments.sorted().joined(separator: ",") + "\n"
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

    /// The record of `files` as they are now, made from `digest`; nil when one is missing.
    init?(digest: String, files: [URL]) {
        var stamped: [(path: String, size: Int, modified: Int)] = []
        for file in files {
            guard let stamp = Self.stamp(file.path) else { return nil }
            stamped.append((path: file.path, size: stamp.size, modified: stamp.modified))
        }
        self.digest = digest
        self.files = stamped
    }

    /// The record kept at `url`; nil when there is none or it cannot be read.
    init?(reading url: URL) {
        guard let data = try? Data(contentsOf: url) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2, lines[0] == Substring(Self.version) else { return nil }
        digest = String(lines[1])
        files = []
        for line in lines.dropFirst(2) where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let size = Int(fields[0]), let modified = Int(fields[1]) else { return nil }
            files.append((path: String(fields[2]), size: size, modified: modified))
        }
    }

    /// Whether every file is still as recorded.
    var filesAreCurrent: Bool {
        files.allSatisfy { file in
            guard let stamp = Self.stamp(file.path) else { return false }
            return stamp.size == file.size && stamp.modified == file.modified
        }
    }

    /// The record's text.
    var text: String {
        ([Self.version, digest] + files.map { "\($0.size)\t\($0.modified)\t\($0.path)" }).joined(separator: "\n") + "\n"
    }

    /// The size and modification time of the regular file at `path`, not following a link.
    private static func stamp(_ path: String) -> (size: Int, modified: Int)? {
        var status = stat()
        guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return (Int(status.st_size), Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec))
    }
}

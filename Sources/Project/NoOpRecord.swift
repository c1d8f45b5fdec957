import Foundation

/// What a successful build recorded so that the same command, run again with nothing
/// changed, is known to be a no-op without parsing, planning or loading the media layer
/// — as make and ninja trust file times: the command (working directory, arguments, the
/// two programs' files, the project file and cache in effect), every file the build read
/// and every output it left, each by size and modification time, and what a no-op prints.
/// Kept in the cache as `outputs/<hash of the video's path>.noop`, one per video, written
/// under the cache's lock.
///
/// A build that made something left a report saying so, where a no-op's report says every
/// segment was reused: the record then holds that report too (`pendingReport`), which the
/// first no-op puts in place, as the build it stands for would have written it.
public struct NoOpRecord: Sendable {
    /// Bumped when the file's form or what it covers changes.
    static let version = "animatic-no-op 1"

    /// A file's kind, size and modification time (nanoseconds), not following a link.
    public struct Stamp: Sendable, Hashable {
        var kind: UInt32
        var size: Int
        var modified: Int

        /// The stamp of whatever is at `path` now; nil when nothing is.
        public init?(_ path: String) {
            var status = stat()
            guard lstat(path, &status) == 0 else { return nil }
            kind = UInt32(status.st_mode & S_IFMT)
            size = Int(status.st_size)
            modified = Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec)
        }

        init(kind: UInt32, size: Int, modified: Int) {
            self.kind = kind
            self.size = size
            self.modified = modified
        }
    }

    /// A file and its stamp when recorded (nil: there was none, and there must still be none).
    public struct Entry: Sendable, Hashable {
        public var path: String
        public var stamp: Stamp?
    }

    /// The command as `command(...)` words it.
    public var command: String
    /// The files the build read (the script, the review file or its absence, the backend's
    /// and the sound's files).
    public var inputs: [Entry]
    /// The files and folders the build wrote or found up to date.
    public var outputs: [Entry]
    /// The report a no-op writes (`source`, kept in the cache), to put at `target` beside
    /// the video, whose report says otherwise; nil when it already is that report.
    public var pendingReport: (source: String, target: String)?
    /// What the build printed before its work (the diagnostics) and what a no-op prints after.
    public var printed: String

    public init(
        command: String, inputs: [Entry], outputs: [Entry], pendingReport: (source: String, target: String)?, printed: String
    ) {
        self.command = command
        self.inputs = inputs
        self.outputs = outputs
        self.pendingReport = pendingReport
        self.printed = printed
    }

    /// The entries of `paths` as they are now.
    public static func entries(_ paths: [String]) -> [Entry] {
        paths.map { Entry(path: $0, stamp: Stamp($0)) }
    }

    /// The words of a command: the working directory, the arguments after the program's
    /// name, the stamps of both programs in `programs` (the front end and the media helper:
    /// a new build of either may plan or write otherwise), the project file and the cache.
    public static func command(arguments: [String], programs: URL?, project: URL?, cache: URL) -> String {
        let stamps = ["animatic", "animatic-media"].map { name -> String in
            guard let path = programs?.appendingPathComponent(name).path, let stamp = Stamp(path) else { return "-" }
            return "\(stamp.size) \(stamp.modified)"
        }
        return ([FileManager.default.currentDirectoryPath] + stamps + [project?.path ?? "-", cache.path, "--"] + arguments)
            .joined(separator: "\n")
    }

    /// The folder of the running program, links resolved: where both programs are.
    public static var programs: URL? {
        Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// Where the record for the video at `video` is kept in `cache`.
    public static func url(video: URL, cache: URL) -> URL {
        // FNV-1a: a name, not a guard; the record is checked against the command it holds.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in video.standardizedFileURL.path.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let name = String(hash, radix: 16)
        return cache.appendingPathComponent("outputs", isDirectory: true)
            .appendingPathComponent(String(repeating: "0", count: 16 - name.count) + name + ".noop")
    }

    /// Whether every input and output is as recorded.
    public var isCurrent: Bool {
        (inputs + outputs).allSatisfy { Stamp($0.path) == $0.stamp }
    }

    /// The record's text.
    public var text: String {
        func line(_ tag: String, _ entry: Entry) -> String {
            let stamp = entry.stamp.map { "\($0.kind)\t\($0.size)\t\($0.modified)" } ?? "-\t-\t-"
            return "\(tag)\t\(stamp)\t\(entry.path)"
        }
        let lines = [Self.version, "command\t\(command.utf8.count)"] + [command]
            + inputs.map { line("in", $0) } + outputs.map { line("out", $0) }
            + (pendingReport.map { ["report\t\($0.source)\t\($0.target)"] } ?? []) + ["printed"]
        return lines.joined(separator: "\n") + "\n" + printed
    }

    /// The record in `text`; nil when it is not one of this version.
    public init?(text: String) {
        guard text.hasPrefix(Self.version + "\ncommand\t") else { return nil }
        var rest = Substring(text).dropFirst(Self.version.count + "\ncommand\t".count)
        guard let end = rest.firstIndex(of: "\n"), let length = Int(rest[..<end]) else { return nil }
        rest = rest[rest.index(after: end)...]
        let utf8 = rest.utf8
        guard utf8.count > length, let commandEnd = utf8.index(utf8.startIndex, offsetBy: length, limitedBy: utf8.endIndex),
            utf8[commandEnd] == UInt8(ascii: "\n")
        else { return nil }
        command = String(rest[..<commandEnd])
        rest = rest[rest.index(after: commandEnd)...]
        inputs = []
        outputs = []
        pendingReport = nil
        while let end = rest.firstIndex(of: "\n") {
            let line = rest[..<end]
            rest = rest[rest.index(after: end)...]
            if line == "printed" {
                printed = String(rest)
                return
            }
            let fields = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false)
            if fields.count == 3, fields[0] == "report" {
                pendingReport = (String(fields[1]), String(fields[2]))
                continue
            }
            guard fields.count == 5, fields[0] == "in" || fields[0] == "out" else { return nil }
            var stamp: Stamp?
            if fields[1] != "-" {
                guard let kind = UInt32(fields[1]), let size = Int(fields[2]), let modified = Int(fields[3]) else { return nil }
                stamp = Stamp(kind: kind, size: size, modified: modified)
            }
            let entry = Entry(path: String(fields[4]), stamp: stamp)
            if fields[0] == "in" { inputs.append(entry) } else { outputs.append(entry) }
        }
        return nil
    }

    /// The record at `url`; nil when there is none or it cannot be read.
    public init?(reading url: URL) {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        self.init(text: String(decoding: data, as: UTF8.self))
    }

    /// Writes the record to `url`, atomically.
    public func write(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}

import CutLists
import Foundation

/// Every file and folder a command writes, in one place, and the checks made on them
/// before any work: no output may land on an input (the script, the project file, the
/// review file beside the script, a backend's files) or on another output, through links
/// and `..` alike; and every output's folder is created when missing and must take files.
public struct OutputPaths: Sendable {
    /// One thing written.
    public struct Output: Sendable {
        /// What it is, for messages: `the video`, `the EDL`.
        public var what: String
        public var url: URL
        /// The option that names it, directly or through the video's name: `-o`, `--depfile`.
        public var option: String
        /// Whether it is a folder replaced as a whole (the media folder), so that nothing
        /// else may lie inside it either.
        public var isFolder = false
        /// Endings its name may not have, each with what a file so named is (`.edl`, `EDL`):
        /// the video is named like no file a build writes beside a video.
        public var reservedEndings: [(ending: String, what: String)] = []

        public init(_ what: String, _ url: URL, option: String, isFolder: Bool = false) {
            self.what = what
            self.url = url
            self.option = option
            self.isFolder = isFolder
        }
    }

    /// One file read, which no output may replace.
    public struct Input: Sendable {
        /// What it is, for messages: `the script`.
        public var what: String
        public var url: URL

        public init(_ what: String, _ url: URL) {
            self.what = what
            self.url = url
        }
    }

    /// Everything written, the video first for a build.
    public var outputs: [Output]

    /// The outputs given: `export`'s one cut list.
    public init(_ outputs: [Output]) {
        self.outputs = outputs
    }

    /// The files a build of `script` reads that no output may replace: the script, the
    /// review file reserved beside it (`film.review.yaml`), the project file and `others`
    /// (a backend's files).
    public static func inputs(script: URL?, projectFile: URL?, others: [URL] = []) -> [Input] {
        var inputs: [Input] = []
        if let script {
            inputs.append(Input("the script", script))
            let review = script.deletingPathExtension().appendingPathExtension("review.yaml")
            inputs.append(Input("the review file", review))
        }
        if let projectFile { inputs.append(Input("the project file", projectFile)) }
        inputs += others.map { Input("an input of the backend", $0) }
        return inputs
    }

    /// Refuses outputs that would replace an input or each other, or that are folders
    /// where a file is written.
    /// - Throws: `AnimaticError` `.usage` naming both paths and the option to change.
    public func checkAgainst(_ inputs: [Input]) throws(AnimaticError) {
        let resolvedOutputs = outputs.map { ResolvedPath($0.url) }
        let resolvedInputs = inputs.map { ResolvedPath($0.url) }
        let folders = outputs.indices.filter { outputs[$0].isFolder }
        // The outputs seen so far by place, so that a feature's many sheet pages cost no more than a short's few.
        var byPath: [String: Int] = [:]
        var byIdentity: [ResolvedPath.Identity: Int] = [:]
        for (index, output) in outputs.enumerated() {
            let name = output.url.lastPathComponent
            if let reserved = output.reservedEndings.first(where: { name.hasSuffix($0.ending) }) {
                throw AnimaticError(
                    .usage,
                    "\(output.what) \(Self.shown(output.url)) would be named like the \(reserved.what) of a build; "
                        + "choose another \(output.option)")
            }
            let place = resolvedOutputs[index]
            if !output.isFolder && place.isDirectory {
                throw AnimaticError(
                    .usage, "\(output.what) \(Self.shown(output.url)) is a folder; give \(output.option) a file name")
            }
            for (input, resolved) in zip(inputs, resolvedInputs)
            where place.isSame(as: resolved) || (output.isFolder && resolved.isInside(place)) {
                throw AnimaticError(
                    .usage,
                    "\(output.what) \(Self.shown(output.url)) would replace \(input.what) \(Self.shown(input.url)); "
                        + "choose another \(output.option)")
            }
            let same = byPath[place.path] ?? place.identity.flatMap { byIdentity[$0] }
            if let other = same ?? folders.first(where: { $0 != index && place.isInside(resolvedOutputs[$0]) }) {
                let relation = same != nil ? "and" : "would be inside, and replaced with,"
                throw AnimaticError(
                    .usage,
                    "\(output.what) \(Self.shown(output.url)) \(relation) \(outputs[other].what) \(Self.shown(outputs[other].url))"
                        + (same != nil ? " are the same file" : "")
                        + "; choose another \(output.option == "-o" ? outputs[other].option : output.option)")
            }
            byPath[place.path] = index
            if let identity = place.identity { byIdentity[identity] = index }
        }
    }

    /// Creates each output's folder when missing, as a compiler does, and checks that it
    /// takes new files by making (and removing) one there.
    /// - Throws: `AnimaticError` `.cannotCreate` naming the folder, what goes there and why.
    public func prepareFolders() throws(AnimaticError) {
        var seen: Set<String> = []
        for output in outputs {
            let folder = output.url.deletingLastPathComponent()
            guard seen.insert(folder.path).inserted else { continue }
            try Self.createFolder(folder, for: output.what)
            // The probe has the temporary-file pattern, so a killed run's leftover is known for one.
            let probe = folder.appendingPathComponent(".animatic.partial-\(UUID().uuidString)").path
            let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard descriptor >= 0 else {
                throw AnimaticError(
                    .cannotCreate,
                    "cannot write in the folder \(Self.shown(folder)) for \(output.what): \(String(cString: strerror(errno)))")
            }
            close(descriptor)
            unlink(probe)
        }
    }

    /// `url` as the user would write it: relative to the current directory when inside it.
    static func shown(_ url: URL) -> String {
        let directory = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        return path.hasPrefix(directory + "/") ? String(path.dropFirst(directory.count + 1)) : path
    }

    /// Creates `folder` and the folders above it that are missing (`mkdir -p`), naming the
    /// first that cannot be made and the system's reason.
    private static func createFolder(_ folder: URL, for what: String) throws(AnimaticError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        let parent = folder.deletingLastPathComponent()
        if parent.path != folder.path { try createFolder(parent, for: what) }
        guard mkdir(folder.path, 0o777) != 0 else { return }
        let reason = errno == EEXIST ? "a file of that name is in the way" : String(cString: strerror(errno))
        // Another process may have made it meanwhile.
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        throw AnimaticError(.cannotCreate, "cannot create the folder \(shown(folder)) for \(what): \(reason)")
    }
}

extension CutListFormat {
    /// What the format's file is, for messages.
    package var title: String {
        switch self {
        case .edl: "EDL"
        case .fcp7: "FCP 7 XML"
        case .fcpxml: "FCPXML"
        case .otio: "OpenTimelineIO file"
        case .srt: "subtitles"
        case .csv: "shot list"
        case .html: "storyboard page"
        case .sheet: "contact sheet"
        }
    }
}

/// A path as the file system resolves it: every symbolic link followed and every `..`
/// taken after the links before it, the part that does not exist yet kept as written
/// (the folders a build would create). A file that exists also keeps its device and inode,
/// which catch hard links and case-insensitive file systems.
struct ResolvedPath {
    /// A file's device and inode.
    struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    var path: String
    var identity: Identity?
    var isDirectory = false

    init(_ url: URL) {
        var current = "/"
        for component in url.path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": current = (current as NSString).deletingLastPathComponent
            default:
                let candidate = (current as NSString).appendingPathComponent(String(component))
                if let real = realpath(candidate, nil) {
                    current = String(cString: real)
                    free(real)
                } else {
                    // Missing (a folder the build creates, a new file), or a link to nowhere,
                    // which a write replaces: taken as written.
                    current = candidate
                }
            }
        }
        path = current
        var status = stat()
        if stat(current, &status) == 0 {
            identity = Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
            isDirectory = (status.st_mode & S_IFMT) == S_IFDIR
        }
    }

    func isSame(as other: ResolvedPath) -> Bool {
        if path == other.path { return true }
        return identity != nil && identity == other.identity
    }

    /// Whether this lies inside the folder `folder`.
    func isInside(_ folder: ResolvedPath) -> Bool {
        path.hasPrefix(folder.path == "/" ? "/" : folder.path + "/")
    }
}

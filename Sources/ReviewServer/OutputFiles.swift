import Foundation

/// The files the review page may read: the video, and the clips in the media folder beside
/// it (`film.mp4`, `film.media/2C-1.take2.mp4`), nothing else. A path that tries to leave
/// them — `..` or `.` segments, written plainly or percent-encoded (`%2e%2e`), an absolute
/// path, a backslash or NUL, or a symbolic link that points out of the folder — is refused.
struct OutputFiles: Sendable {
    /// The video the build wrote.
    let video: URL
    /// `film.media/` beside it.
    var media: URL { video.deletingPathExtension().appendingPathExtension("media") }

    /// What a path under `/files/` names.
    enum Lookup: Equatable {
        /// A regular file in the output.
        case file(URL)
        /// A path that tries to leave the output: 403.
        case forbidden
        /// A path that stays, to nothing (or to something not served): 404.
        case notFound
    }

    /// The file `rawPath` (as sent, percent-encoded, after `/files/`) names.
    func lookup(_ rawPath: String) -> Lookup {
        guard let path = rawPath.removingPercentEncoding, !path.contains("\\"), !path.contains("\0") else { return .forbidden }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // An empty part is an absolute path or `//`; `.` and `..` step about.
        guard !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { return .forbidden }
        let folder: URL, candidate: URL
        switch parts.count {
        case 1 where parts[0] == video.lastPathComponent:
            folder = video.deletingLastPathComponent()
            candidate = video
        case 2 where parts[0] == media.lastPathComponent:
            folder = media
            candidate = media.appendingPathComponent(parts[1])
        default:
            return .notFound
        }
        guard FileManager.default.fileExists(atPath: candidate.path) else { return .notFound }
        // A link may point anywhere: what it resolves to must still be in the folder.
        let real = candidate.resolvingSymlinksInPath()
        guard real.deletingLastPathComponent().path == folder.resolvingSymlinksInPath().path else { return .forbidden }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return .notFound
        }
        return .file(real)
    }
}

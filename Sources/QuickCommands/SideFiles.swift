#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files beside a script that change what `check` says about it: the project file
/// (`animatic.yaml` or `animatic.toml`) and the review file (`film.review.yaml` beside
/// `film.fountain`). The launcher checks a script itself only when neither is there; the
/// project file's YAML reader (Yams) needs Foundation, which the launcher does not load.
package enum SideFiles {
    /// The project files looked for beside a script (`ProjectFile.names`, `CheckShortcutTests`).
    package static let projectNames = ["animatic.yaml", "animatic.toml"]

    /// Whether a project or review file may apply to the script at `path`: true when one is
    /// there, and whenever this cannot tell as the front end would — a path through `..`
    /// (the front end takes it away from the text, the file system through a link) or a
    /// script name whose review file's name is not plain (`reviewName`).
    package static func mayApply(toScript path: String) -> Bool {
        guard !path.hasSuffix("/"), !path.split(separator: "/").contains("..") else { return true }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let review = reviewName(forScript: name) else { return true }
        let folder: Substring = path.lastIndex(of: "/").map { path[...$0] } ?? ""
        return (projectNames + [review]).contains { exists(folder + $0) }
    }

    /// `film.review.yaml` for `film.fountain`, as `ReviewFile.defaultName` gives it: the name
    /// without its extension. Nil for a name where Foundation's rules for an extension may
    /// differ from this plain one (a leading or trailing dot, or an extension that is not
    /// ASCII letters and digits).
    package static func reviewName(forScript name: String) -> String? {
        guard !name.isEmpty, !name.hasPrefix("."), !name.hasSuffix(".") else { return nil }
        guard let dot = name.lastIndex(of: ".") else { return name + ".review.yaml" }
        let stem = name[..<dot]
        let pathExtension = name[name.index(after: dot)...]
        guard !stem.hasSuffix("."),
            pathExtension.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
        else { return nil }
        return stem + ".review.yaml"
    }

    /// Whether anything is at `path`, a dangling link included; also true when the file
    /// system cannot say (a folder that cannot be searched), so that the front end decides.
    private static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 || errno != ENOENT
    }
}

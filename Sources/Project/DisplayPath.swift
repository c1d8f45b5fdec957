/// Paths as the user wrote them, for messages: the folder of a script named `film.fountain`
/// is shown as nothing, not as an absolute path. Done on the text, because Foundation's
/// `NSString.deletingLastPathComponent` traps on some relative paths ("x", ".", "a/").
public enum DisplayPath {
    /// `path` without its last component, as `NSString.deletingLastPathComponent` gives it:
    /// "" for a path with no folder, "/" for one in the root.
    public static func folder(of path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        var folder = path[..<slash]
        while folder.count > 1, folder.hasSuffix("/") { folder = folder.dropLast() }
        return String(folder)
    }

    /// The file `name` in the folder of `path`, as shown: `name` alone when `path` has no folder.
    public static func sibling(named name: String, of path: String) -> String {
        let folder = folder(of: path)
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}

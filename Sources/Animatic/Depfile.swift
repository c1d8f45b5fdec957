import Foundation

/// A make dependency file: `target: prerequisite…`, spaces and `#` escaped as make reads
/// them, one prerequisite a line.
public enum Depfile {
    /// The text of a rule making `target` depend on `prerequisites`.
    public static func text(target: String, prerequisites: [String]) -> String {
        ([escape(target) + ":"] + prerequisites.map { " " + escape($0) }).joined(separator: " \\\n") + "\n"
    }

    private static func escape(_ path: String) -> String {
        var out = ""
        for character in path {
            switch character {
            case " ", "#": out += "\\" + String(character)
            case "$": out += "$$"
            default: out.append(character)
            }
        }
        return out
    }
}

import Screenplay

/// The "did you mean" for a misspelt project-file key.
enum KeySuggestion {
    /// The name in `names` closest to `key` when it is close enough to be a slip: the same
    /// up to case and `-` for `_`, or a slip `SpellingSuggestion` would name.
    static func closest(to key: String, among names: [String]) -> String? {
        let normal = key.lowercased().replacingOccurrences(of: "-", with: "_")
        if let exact = names.first(where: { $0 == normal }) { return exact }
        return SpellingSuggestion.closest(to: normal, among: names)
    }
}

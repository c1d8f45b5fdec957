import Foundation

/// The "did you mean" for a misspelt key.
enum KeySuggestion {
    /// The name in `names` closest to `key` when it is close enough to be a slip: the same
    /// up to case and `-` for `_`, or at most two edits away (one for short names).
    static func closest(to key: String, among names: [String]) -> String? {
        let normal = key.lowercased().replacingOccurrences(of: "-", with: "_")
        if let exact = names.first(where: { $0 == normal }) { return exact }
        let scored = names.map { (name: $0, distance: distance(normal, $0)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        return best.distance <= (best.name.count <= 4 ? 1 : 2) ? best.name : nil
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

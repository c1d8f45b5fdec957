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

    /// Edit distance over characters, a swap of two neighbours counting as one edit
    /// (optimal string alignment).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}

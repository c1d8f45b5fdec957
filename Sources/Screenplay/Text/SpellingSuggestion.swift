/// The "did you mean" of diagnostics: the known word closest to a misspelt one. Every layer
/// uses it — annotation keys here, camera terms in the planner, project-file keys and
/// subcommands above — so a slip gets the same help wherever it is made.
public enum SpellingSuggestion {
    /// The name in `names` closest to `word` (compared lowercased) when it is close enough
    /// to be a slip: at most two edits away, one for names of four characters or fewer, and
    /// never a wholesale replacement (so one Chinese character never suggests another).
    /// Ties go to the name listed first.
    public static func closest(to word: String, among names: [String]) -> String? {
        let lower = word.lowercased()
        var best: (name: String, distance: Int)?
        for name in names {
            let distance = distance(lower, name.lowercased())
            if distance < best?.distance ?? Int.max { best = (name, distance) }
        }
        guard let best else { return nil }
        let allowed = best.name.count <= 4 ? 1 : 2
        return best.distance <= allowed && best.distance < best.name.count ? best.name : nil
    }

    /// Edit distance over characters, a swap of two neighbours counting as one edit
    /// (optimal string alignment).
    public static func distance(_ a: String, _ b: String) -> Int {
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

/// One shot of a hand breakdown: its size as written, its class and the artist's note.
struct HandShot {
    var size: String
    var sizeClass: SizeClass
    var note: String
}

/// Prints one scene's planned shots against its hand shots, aligned along a longest common
/// subsequence of size classes: `=` where the two agree, `+` a planned shot the hand list
/// does not have, `-` a hand shot the plan misses. The misses are where a rule is owed.
enum Alignment {
    static func print(planned: [PlannedShot], hand: [HandShot]) {
        let a = planned.map { SizeClass(planned: $0.size) }
        let b = hand.map(\.sizeClass)
        // table[i][j]: the LCS of a[i...] and b[j...], so the walk below goes forwards.
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j], table[i][j] == table[i + 1][j + 1] + 1 {
                row("=", planned[i], hand[j])
                i += 1
                j += 1
            } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
                row("+", planned[i], nil)
                i += 1
            } else {
                row("-", nil, hand[j])
                j += 1
            }
        }
        Swift.print("")
    }

    private static func row(_ mark: String, _ shot: PlannedShot?, _ hand: HandShot?) {
        let left = shot.map { "\($0.id) \($0.size) \($0.text)" } ?? ""
        let right = hand.map { "\($0.size) \($0.note)" } ?? ""
        Swift.print("  \(mark) " + clip(left, 60).padding(toLength: 60, withPad: " ", startingAt: 0) + " | " + clip(right, 70))
    }

    private static func clip(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}

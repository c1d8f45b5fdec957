/// Shot IDs: the scene number and a letter for each shot, `A` to `Z`, then `AA`, `AB`, …
/// When the scene number already ends in a letter (`12A`), a `.` separates the two (`12A.B`).
enum ShotLetters {
    /// The letters for the shot at `index` (0-based) in its scene.
    static func letters(_ index: Int) -> String {
        var value = index + 1
        var result = ""
        while value > 0 {
            value -= 1
            result = String(UnicodeScalar(UInt8(65 + value % 26))) + result
            value /= 26
        }
        return result
    }

    static func id(scene: String, index: Int) -> ShotID {
        let separator = scene.last.map { $0.isLetter } == true ? "." : ""
        return ShotID(scene + separator + letters(index))
    }
}

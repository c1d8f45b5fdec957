/// Reading a list of styles (`styles: noir | pastel | documentary`, title page `Styles:`)
/// and the seeds of takes.
enum TakeStyles {
    /// The styles of `text`, split at `|`, blanks trimmed, empty ones dropped.
    static func split(_ text: String) -> [String] {
        text.split(separator: "|").map { TextMeasure.collapsingWhitespace(String($0)) }.filter { !$0.isEmpty }
    }

    /// The seed of take `number` of a shot whose seed is `shotSeed`: the shot's own for
    /// take 1, else a hash of both, so every take differs and none depends on how many
    /// takes there are.
    static func seed(shotSeed: Int, take number: Int) -> Int {
        number == 1 ? shotSeed : SeedHash.hash("\(shotSeed)/take\(number)")
    }
}

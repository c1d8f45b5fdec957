/// The camera vocabulary by name, for files other than the script (the review file): a
/// value must be one term and nothing else.
extension ShotSize {
    /// The size `text` names (`MS`, `close-up`, `特写`), or nil when it names none or more.
    public init?(term text: String) {
        guard let found = CameraTerms.size(in: text), found.rest.isEmpty else { return nil }
        self = found.size
    }
}

extension CameraMove {
    /// The move `text` names (`dolly in`, `static`, `推`), or nil.
    public init?(term text: String) {
        let lower = TextMeasure.collapsingWhitespace(text).lowercased()
        guard let move = CameraMove.spellings.first(where: { $0.1.contains(lower) })?.0 else { return nil }
        self = move
    }
}

extension CameraAngle {
    /// The angle `text` names (`low`, `high angle`, `俯拍`), or nil.
    public init?(term text: String) {
        let lower = TextMeasure.collapsingWhitespace(text).lowercased()
        guard let angle = CameraAngle.spellings.first(where: { $0.1.contains(lower) })?.0 else { return nil }
        self = angle
    }
}

extension ShotSize {
    /// The sizes from the whole location to a detail, one step apart: what "closer" and
    /// "wider" move along.
    public static let closenessSteps: [ShotSize] = [.extremeWide, .wide, .mediumWide, .medium, .mediumCloseUp, .closeUp,
                                                    .extremeCloseUp]

    /// `steps` steps closer (> 0) or wider (< 0) along `closenessSteps`, from the step as
    /// close as this size (a two-shot counts as a medium shot); nil past either end.
    public func stepped(_ steps: Int) -> ShotSize? {
        let sizes = ShotSize.closenessSteps
        let position = sizes.firstIndex(of: self) ?? sizes.firstIndex { $0.closeness == closeness } ?? 3
        return sizes.indices.contains(position + steps) ? sizes[position + steps] : nil
    }
}

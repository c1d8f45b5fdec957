import Screenplay

/// Which interiors open on an exterior establishing shot: the first scene inside a place
/// the film has not yet shown, unless the scene before it was outside (the audience has
/// just seen where we are). A place is the heading's location up to its first ` - `, so
/// `OBSERVATORY - DOME` and `OBSERVATORY - CONTROL ROOM` are one building. Read from the
/// headings alone, so editing a scene's content never changes another scene's shots.
struct PlaceHistory {
    private var seen: Set<String> = []
    private var previousSetting: Setting?

    /// Whether `heading` needs an exterior before it; records its place as shown.
    mutating func needsExterior(_ heading: SceneHeading?) -> Bool {
        guard let heading else { return false }
        let place = Self.place(heading.location)
        let needs = heading.setting == .interior && !place.isEmpty && !seen.contains(place) && previousSetting != .exterior
        if !place.isEmpty { seen.insert(place) }
        previousSetting = heading.setting
        return needs
    }

    /// The building a location names: its part before a ` - ` (or `，`), in capitals.
    static func place(_ location: String) -> String {
        let upper = location.uppercased()
        let cut = [" - ", " – ", " — ", "，", " / "].compactMap { TextMeasure.firstRange(ofText: $0, in: upper)?.lowerBound }.min() ?? upper.endIndex
        return TextMeasure.collapsingWhitespace(upper[..<cut])
    }
}

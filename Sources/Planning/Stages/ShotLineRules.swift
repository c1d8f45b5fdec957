/// How a shot line or forced heading frames its shot when it names no size: a character
/// gets a medium close-up, two get a two-shot, a place a wide, an object a close-up, and a
/// long line describing action the size its characters call for.
enum ShotLineRules {
    /// Shot lines that are really transitions: `FADE IN:`, `CUT TO BLACK.`, `FLASH CUT TO`.
    static func transition(in text: String) -> ShotTransition? {
        guard text.utf8.count <= 24 else { return nil }
        let upper = TextMeasure.collapsingWhitespace(text.uppercased()).trimmingCharacters(in: ".:!。：！")
        let transitions = ["FADE IN", "FADE OUT", "FADE TO BLACK", "CUT TO BLACK", "FADE TO WHITE", "SMASH CUT",
                           "SMASH CUT TO", "FLASH CUT TO", "CUT TO", "DISSOLVE TO", "CROSSFADE BACK TO", "MATCH CUT TO",
                           "淡入", "淡出", "切至", "叠化"]
        return transitions.contains(upper) ? ShotTransition(text: text) : nil
    }

    /// Lines that open or close a sequence rather than name a shot.
    static func isSequenceMarker(_ text: String) -> Bool {
        let upper = text.uppercased().trimmingCharacters(in: ".:")
        return ["MONTAGE", "SERIES OF SHOTS", "END MONTAGE", "END OF MONTAGE", "END SERIES OF SHOTS", "INTERCUT",
                "END INTERCUT", "蒙太奇", "交叉剪辑"].contains { upper == $0 || upper.hasPrefix($0 + " ") || upper.hasPrefix($0 + ":") }
    }

    /// Words that make a short shot line a place rather than a thing.
    private static let placeWords: Set<String> = [
        "APARTMENT", "HOUSE", "ROOM", "KITCHEN", "BEDROOM", "HALL", "HALLWAY", "STREET", "ROAD", "HIGHWAY", "RIVER",
        "LAKE", "SEA", "OCEAN", "BEACH", "FOREST", "WOODS", "FIELD", "TOWN", "CITY", "LOT", "OVERLOOK", "YARD",
        "GARDEN", "BUILDING", "CORRIDOR", "STAGE", "SKY", "CROWD", "OUTSIDE", "INSIDE", "SCENE", "DOWNTOWN", "PARK",
        "STATION", "SHORE", "DAFFODILS", "UNDERWATER", "ROOFTOPS", "VALLEY", "MOUNTAIN",
        "房间", "街", "城市", "河", "海", "森林", "天空", "屋", "楼", "院子",
    ]

    /// The size for a scripted shot from its text: a named size wins; otherwise the rules above.
    static func size(for spec: ShotSpec, text: String) -> ShotSize {
        if let size = spec.size { return size }
        let upper = text.uppercased()
        if upper.hasPrefix("BACK TO") || upper.hasPrefix("BACK ON") || upper.hasPrefix("BACK IN")
            || upper.hasPrefix("RETURNING") || upper.hasPrefix("VARIOUS") {
            return spec.characters.count == 1 ? .medium : .wide
        }
        let words = TextMeasure.words(text) + TextMeasure.ideographs(text) / 2
        if words >= 6 { return spec.characters.count >= 3 || spec.characters.isEmpty ? .wide : .mediumWide }
        switch spec.characters.count {
        case 0:
            let tokens = upper.split(whereSeparator: { !$0.isLetter })
            let isPlace = tokens.contains { placeWords.contains(String($0)) }
                || placeWords.contains { !$0.unicodeScalars.allSatisfy(\.isASCII) && TextMeasure.includes($0, in: upper) }
            return isPlace ? .wide : .closeUp
        case 1: return spec.subject == nil ? .mediumCloseUp : .medium
        case 2: return .twoShot
        default: return .mediumWide
        }
    }

    /// Angles a shot line or action may name outright: `AERIAL`, `OVERHEAD`, `from above`.
    static func angle(in text: String) -> CameraAngle? {
        let lower = text.lowercased()
        return angle(inLowercased: lower, words: WordStarts(lower))
    }

    /// The same for text already lowercased, with its word starts.
    static func angle(inLowercased lower: String, words: WordStarts) -> CameraAngle? {
        angleWords.first { _, spellings in
            spellings.contains { words.mayContain($0) && TextMeasure.contains($0, in: lower) }
        }?.0
    }

    private static let angleWords: [(CameraAngle, [String])] = [
        (.aerial, ["aerial", "航拍"]),
        (.birdsEye, ["overhead", "bird's-eye", "bird's eye", "top down", "鸟瞰"]),
        (.high, ["from above", "high angle", "俯拍"]),
        (.low, ["from below", "low angle", "仰拍"]),
        (.dutch, ["dutch angle", "canted"]),
    ]
}

extension String {
    /// The string without leading and trailing whitespace or any of `characters`.
    func trimmingCharacters(in characters: String) -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace || characters.contains(first) { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace || characters.contains(last) { text = text.dropLast() }
        return String(text)
    }
}

import Screenplay

/// Prompts in English: every part a complete clause ending in a full stop.
struct EnglishPhrasebook: Phrasebook {
    var language: PromptLanguage { .english }

    var continuation: String { "Continuation of the same shot, seamless" }

    func atmosphere(_ daylight: Daylight, setting: Setting?) -> String? {
        switch daylight {
        case .day: "Bright daylight"
        case .night: "Night, low-key light"
        case .dawn: "Dawn, soft early light"
        case .dusk: "Dusk, warm low sun"
        case .unspecified: setting == .interior ? "Soft interior light" : nil
        }
    }

    func tone(_ daylight: Daylight) -> String {
        switch daylight {
        case .day: "Natural warm colours"
        case .night: "Cool blue tones, deep shadows"
        case .dawn: "Soft pastel tones"
        case .dusk: "Golden orange tones"
        case .unspecified: "Natural colours"
        }
    }

    func environment(_ place: String, setting: Setting?) -> String {
        switch setting {
        case .interior?: "Inside \(place)"
        case .exterior?, .establishing?: "Outside at \(place)"
        case .interiorExterior?: "In and around \(place)"
        case nil: "At \(place)"
        }
    }

    func camera(size: ShotSize, angle: CameraAngle, move: CameraMove, direction: MoveDirection?, lens: String?) -> String {
        var text = size.english.capitalisedFirst + " " + angleClause(angle) + "; " + moveClause(move, direction)
        if let lens, !lens.isEmpty {
            text += TextMeasure.occurs("lens", in: lens.lowercased()) ? ", through a \(lens)" : ", through a \(lens) lens"
        }
        return text
    }

    private func angleClause(_ angle: CameraAngle) -> String {
        switch angle {
        case .eyeLevel: "at eye level"
        case .high: "from a high angle"
        case .low: "from a low angle"
        case .birdsEye: "from a bird's-eye view"
        case .aerial: "from an aerial view"
        case .dutch: "at a Dutch angle"
        }
    }

    private func moveClause(_ move: CameraMove, _ direction: MoveDirection?) -> String {
        let way = direction.map { " \($0.rawValue)" } ?? ""
        return switch move {
        case .static: "the camera holds still"
        case .pushIn: "the camera pushes in slowly"
        case .pullOut: "the camera pulls out"
        case .pan: "the camera pans\(way) slowly"
        case .tilt: "the camera tilts\(way)"
        case .truck: "the camera trucks\(way)"
        case .follow: "the camera tracks with the subject"
        case .crane: "the camera cranes\(way)"
        case .dollyTrack: "the camera glides on a dolly track"
        case .handheld: "the camera is handheld"
        case .zoom: "the camera zooms\(way)"
        }
    }

    func sizeTerm(_ size: ShotSize) -> String { size.abbreviation }
    func angleTerm(_ angle: CameraAngle) -> String { angle.english }
    func moveTerm(_ move: CameraMove, _ direction: MoveDirection?) -> String { move.shortName(direction) }

    var titleCamera: String { "Static camera on a title card" }
    var titleTone: String { "Clean graphic title, high contrast" }
    func style(_ style: String) -> String { "Style: \(style)" }
    func titleCard(_ title: String) -> String { "Title card: \"\(title)\" in clean white letters on black" }

    func place(_ location: String) -> String { PromptBuilder.titleCase(location) }
    func establishing(_ place: String?) -> String { "Establishing view of \(place ?? "the location")" }
    func exterior(_ place: String) -> String { "The outside of \(place), seen whole from across the way" }

    var listSeparator: String { ", " }
    func list(_ names: [String]) -> String {
        switch names.count {
        case 0: "Someone"
        case 1: names[0]
        default: names.dropLast().joined(separator: ", ") + " and " + names.last!
        }
    }

    func verb(_ speech: SpeechKind, manner: String?) -> String {
        let verb = switch speech {
        case .says: "speaks"
        case .asks: "asks a question"
        case .exclaims: "speaks emphatically"
        case .sings: "sings"
        }
        guard let manner, !manner.isEmpty else { return verb }
        return "\(verb), \(manner)"
    }

    func overTheShoulder(foreground: String, speaker: String, verb: String) -> String {
        "Over \(foreground)'s shoulder, \(speaker) \(verb) to \(foreground)"
    }

    func facing(speaker: String, others: String, verb: String) -> String {
        "\(speaker) and \(others) face each other; \(speaker) \(verb)"
    }

    func speaks(_ speaker: String, to others: String?, verb: String) -> String {
        others.map { "\(speaker) \(verb) to \($0)" } ?? "\(speaker) \(verb)"
    }

    func exchange(_ names: String) -> String { "\(names) talk back and forth" }
    func simultaneous(_ names: String) -> String { "\(names) speak at the same time" }
    func action(_ action: String, thenSpeaks speaker: String, verb: String) -> String {
        let ended = action.last.map { ".!?\"”)".contains($0) } ?? false
        return ended ? "\(action) \(speaker) \(verb)" : "\(action); \(speaker) \(verb)"
    }
    func overShoulder(_ foreground: String, _ seen: String) -> String { "Over \(foreground)'s shoulder: \(seen)" }
    func pointOfView(_ who: String, _ seen: String) -> String { "\(who)'s point of view: \(seen)" }
    func listensInSilence(_ who: String) -> String { "\(who) listens in silence, reacting" }
    func listensQuietly(_ who: String) -> String { "\(who) listens, quiet" }
    var sceneHolds: String { "The scene holds, still" }
    func description(_ description: String) -> String { " (\(description))" }

    func inFrame(_ described: [String]) -> String {
        list(described) + (described.count == 1 ? " is in frame" : " are in frame")
    }

    var defaultNegative: String {
        "blurry, low resolution, distorted faces, deformed hands, extra limbs, text, subtitles, watermark, logo, flicker, jitter"
    }
}

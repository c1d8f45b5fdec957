/// Why a shot exists: which rule of the breakdown made it.
public enum ShotKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// The opening view of a scene's location.
    case establishing
    /// An action paragraph (or part of a long one).
    case action
    /// Dialogue coverage: a two-shot, over-the-shoulder or single on the speaker.
    case dialogue
    /// A listener's reaction to a pause or to an action that calls for one.
    case reaction
    /// A wider shot that re-establishes the room after a long exchange.
    case reestablishing
    /// A line heard from a speaker who is not on screen (V.O., O.S.): the camera is on the scene.
    case offscreenVoice
    /// A shot the script names: an annotation, a shot line or a forced non-INT/EXT heading.
    case scripted
    /// Centered text on screen, such as a title.
    case title
}

/// How one shot hands over to the next, from a transition such as `CUT TO:`.
public enum TransitionStyle: String, CaseIterable, Hashable, Sendable, Codable {
    case cut
    case dissolve
    case fade

    /// Reads a transition's text: `DISSOLVE TO:` is a dissolve, `FADE OUT.` and `CUT TO BLACK`
    /// are fades, anything else is a cut.
    public init(_ text: String) {
        let upper = text.uppercased()
        if ["DISSOLVE", "叠化"].contains(where: { TextMeasure.occurs($0, in: upper) }) {
            self = .dissolve
        } else if ["FADE", "BLACK", "淡"].contains(where: { TextMeasure.occurs($0, in: upper) }) {
            self = .fade
        } else {
            self = .cut
        }
    }
}

/// A transition as written, with how it plays.
public struct ShotTransition: Hashable, Sendable, Codable {
    /// The transition's text as written, e.g. `SMASH CUT TO:`.
    public var text: String
    public var style: TransitionStyle

    public init(text: String) {
        self.text = text
        self.style = TransitionStyle(text)
    }
}

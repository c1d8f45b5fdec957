import Screenplay

/// A piece of script text inside a shot: where a long shot may be cut into segments, and
/// what each segment's card shows.
struct TextUnit: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case action, speech, parenthetical, title, lyric
    }

    var kind: Kind
    var text: String
    /// The canonical name of who says a speech or parenthetical.
    var speaker: String?
    var range: SourceRange
}

extension [TextUnit] {
    /// How many times talk passes to another speaker, plus one, over the spoken units: the
    /// turns of an exchange (0 when nobody speaks).
    var turns: Int {
        var turns = 0
        var last: String??
        for unit in self where (unit.kind == .speech || unit.kind == .lyric) && last != .some(unit.speaker) {
            turns += 1
            last = .some(unit.speaker)
        }
        return turns
    }
}

/// A shot as the breakdown makes it, before it has an ID, a duration, segments or prompts.
struct ShotDraft: Sendable {
    var kind: ShotKind
    var size: ShotSize
    var angle: CameraAngle = .eyeLevel
    var move: CameraMove = .static
    /// Where the camera is, when not where the scene's heading puts it: the exterior that
    /// establishes an interior scene's place.
    var setting: Setting?
    var direction: MoveDirection?
    var lens: String?
    var characters: [String] = []
    var speaker: String?
    var foreground: String?
    /// Whose point of view the shot shows, when it is what someone just looked at.
    var pointOfView: String?
    var subject: String?
    /// How the speaker delivers the line, from a parenthetical (`beer raised`).
    var manner: String?
    var units: [TextUnit] = []
    var range: SourceRange
    /// Dual dialogue: both speakers talk at once, so the shot lasts as long as the longer speech.
    var simultaneous = false
    var transitionIn: ShotTransition?
    var transitionOut: ShotTransition?
    /// Annotation values that override the rules.
    var duration: ShotDuration?
    var seed: Int?
    var style: String?
    var extraPrompt: String?
    var negative: String?
    var takes: Int?
    /// One take per style (annotation `styles`).
    var styles: [String]?

    init(kind: ShotKind, size: ShotSize, range: SourceRange) {
        self.kind = kind
        self.size = size
        self.range = range
    }

    /// The script text the shot covers, as the shot list prints it.
    var text: String {
        units.filter { $0.kind != .parenthetical }.map(\.text).joined(separator: " ")
    }
}

import Screenplay

/// Everything a prompt says in words of one language: the template's fixed parts, the
/// camera language, and the clauses that describe who does what. The prompt builder
/// decides what to say; a phrasebook says it. A third language is one more phrasebook.
protocol Phrasebook: Sendable {
    var language: PromptLanguage { get }

    /// The first part of every segment after the first of a shot.
    var continuation: String { get }
    func atmosphere(_ daylight: Daylight, setting: Setting?) -> String?
    func tone(_ daylight: Daylight) -> String
    /// Where the scene is: `Inside Marlowe's Coffee Bar`, `内景，咖啡馆`.
    func environment(_ place: String, setting: Setting?) -> String
    /// The camera clause: size, angle, move (with its direction) and lens.
    func camera(size: ShotSize, angle: CameraAngle, move: CameraMove, direction: MoveDirection?, lens: String?) -> String
    /// The short terms of a shot list and a storyboard card: `CU`, `low angle`, `crane down`.
    func sizeTerm(_ size: ShotSize) -> String
    func angleTerm(_ angle: CameraAngle) -> String
    func moveTerm(_ move: CameraMove, _ direction: MoveDirection?) -> String
    /// The camera and tone of a title card.
    var titleCamera: String { get }
    var titleTone: String { get }
    func style(_ style: String) -> String
    func titleCard(_ title: String) -> String

    /// A location as prompts print it (a heading in capitals becomes a place name).
    func place(_ location: String) -> String
    func establishing(_ place: String?) -> String
    /// The outside of a building, before the first scene inside it.
    func exterior(_ place: String) -> String
    /// Between the parts of a list of things: `, `, `，`.
    var listSeparator: String { get }
    /// Names run together: `Anna and Ben`, `安娜和本`.
    func list(_ names: [String]) -> String
    /// How a line is said, with the parenthetical's manner.
    func verb(_ speech: SpeechKind, manner: String?) -> String
    func overTheShoulder(foreground: String, speaker: String, verb: String) -> String
    func facing(speaker: String, others: String, verb: String) -> String
    func speaks(_ speaker: String, to others: String?, verb: String) -> String
    /// Several people talking in turn in one shot.
    func exchange(_ names: String) -> String
    func simultaneous(_ names: String) -> String
    /// Action followed by the speaker speaking in the same shot.
    func action(_ action: String, thenSpeaks speaker: String, verb: String) -> String
    /// Action framed past someone's shoulder: `Over Ben's shoulder: …`.
    func overShoulder(_ foreground: String, _ seen: String) -> String
    /// What someone sees: `Anna's point of view: …`.
    func pointOfView(_ who: String, _ seen: String) -> String
    func listensInSilence(_ who: String) -> String
    func listensQuietly(_ who: String) -> String
    var sceneHolds: String { get }
    /// A description after a name in the text: ` (30s, wiry)`.
    func description(_ description: String) -> String
    /// People in frame whom the text does not name, with their descriptions.
    func inFrame(_ described: [String]) -> String
    var defaultNegative: String { get }
}

/// How a line of dialogue is delivered, from its punctuation or its form.
enum SpeechKind {
    case says, asks, exclaims, sings
}

extension PromptLanguage {
    /// The phrasebook prompts in this language are written from.
    var phrasebook: any Phrasebook {
        switch self {
        case .english: EnglishPhrasebook()
        case .chinese: ChinesePhrasebook()
        }
    }
}

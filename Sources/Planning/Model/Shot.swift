import Screenplay

/// One shot of the film: its identity, camera, content, duration and generation segments.
public struct Shot: Hashable, Sendable, Codable {
    /// Scene number plus shot letter: `12A`, `12B`, … (`12A.B` when the scene number itself
    /// ends in a letter). Stable under edits to other scenes.
    public var id: ShotID
    /// The scene number this shot belongs to (`12`, or the script's own `12A`).
    public var scene: String
    public var kind: ShotKind
    /// The duration in frames at the plan's frame rate; equals the sum of the segments' frames.
    public var frames: Int
    public var size: ShotSize
    public var angle: CameraAngle
    public var move: CameraMove
    /// Which way the move goes (`crane down`, `pan left`), when the script says.
    public var direction: MoveDirection?
    /// The lens when the script gives one (`35mm`).
    public var lens: String?
    /// Characters in frame, canonical cue names, subject first.
    public var characters: [String]
    /// Who speaks in this shot, if anyone.
    public var speaker: String?
    /// For an over-the-shoulder shot, whose shoulder frames the subject.
    public var foreground: String?
    /// What the shot is of when the script names it and it is not a character (`THE LETTER`).
    public var subject: String?
    /// The script text the shot covers: the action, or the line being spoken.
    public var text: String
    /// The location from the scene heading.
    public var location: String
    /// INT/EXT from the scene heading.
    public var setting: Setting?
    /// The heading's time of day as written (`NIGHT`, `夜`).
    public var timeOfDay: String?
    public var transitionIn: ShotTransition?
    public var transitionOut: ShotTransition?
    /// The style in effect for this shot (annotation, `--style`, or the title page's `Style:`).
    public var style: String?
    /// How many takes to generate (annotation `takes`, `--takes`, or one per style), 1 unless asked.
    public var takes: Int
    /// The generation seed shared by all segments of the shot (of the take on the timeline).
    public var seed: Int
    /// Where the shot comes from in the script.
    public var range: SourceRange
    public var segments: [Segment]
    /// With audio (`PlanConfiguration.lineAudio`): the spoken lines that start in this
    /// shot and where; nil in a plan made without audio.
    public var lines: [LineTiming]?
    /// The fields a review revised, with the review-file line of each; nil when none.
    public var revised: [RevisedField]? = nil
    /// The takes not on the timeline, in take order; nil with one take. `segments`, `seed`
    /// and `style` are the picked take's.
    public var otherTakes: [Take]? = nil
    /// The take a review picked for the timeline; nil for take 1 unless picked.
    public var picked: Int? = nil

    public init(id: ShotID, scene: String, kind: ShotKind, frames: Int, size: ShotSize, angle: CameraAngle,
                move: CameraMove, direction: MoveDirection? = nil, lens: String?, characters: [String], speaker: String?, foreground: String?,
                subject: String?, text: String, location: String, setting: Setting?, timeOfDay: String?,
                transitionIn: ShotTransition?, transitionOut: ShotTransition?, style: String?, takes: Int,
                seed: Int, range: SourceRange, segments: [Segment], lines: [LineTiming]? = nil) {
        self.id = id
        self.scene = scene
        self.kind = kind
        self.frames = frames
        self.size = size
        self.angle = angle
        self.move = move
        self.direction = direction
        self.lens = lens
        self.characters = characters
        self.speaker = speaker
        self.foreground = foreground
        self.subject = subject
        self.text = text
        self.location = location
        self.setting = setting
        self.timeOfDay = timeOfDay
        self.transitionIn = transitionIn
        self.transitionOut = transitionOut
        self.style = style
        self.takes = takes
        self.seed = seed
        self.range = range
        self.segments = segments
        self.lines = lines
    }
}

import Screenplay

/// The planner's output: every shot of the film, timed to the frame and cut into
/// generation segments. Encoded as the versioned JSON of docs/plan-json.md.
public struct Plan: Hashable, Sendable, Codable {
    /// The schema version of the JSON form.
    public static let currentVersion = 2

    public var version: Int
    /// The timeline rate every `frames` value counts at.
    public var frameRate: FrameRate
    /// The title from the title page, if any.
    public var title: String?
    /// The language prompts are written in.
    public var promptLanguage: PromptLanguage
    /// The longest segment, in frames.
    public var maxSegmentFrames: Int
    public var scenes: [PlanScene]
    /// The character bible, by canonical name.
    public var characters: [CharacterProfile]
    public var shots: [Shot]

    public init(version: Int = Plan.currentVersion, frameRate: FrameRate, title: String?, promptLanguage: PromptLanguage,
                maxSegmentFrames: Int, scenes: [PlanScene], characters: [CharacterProfile], shots: [Shot]) {
        self.version = version
        self.frameRate = frameRate
        self.title = title
        self.promptLanguage = promptLanguage
        self.maxSegmentFrames = maxSegmentFrames
        self.scenes = scenes
        self.characters = characters
        self.shots = shots
    }

    /// The running time in frames.
    public var totalFrames: Int { shots.reduce(0) { $0 + $1.frames } }

    /// Each shot's first frame on the timeline, in shot order (the running sum of durations).
    public var startFrames: [Int] {
        var start = 0
        return shots.map { shot in
            defer { start += shot.frames }
            return start
        }
    }
}

/// A scene of the plan: a real place and time (an INT/EXT heading, or the material before
/// the first heading), with the shots planned for it.
public struct PlanScene: Hashable, Sendable, Codable {
    /// The scene number: the script's own `#12A#`, else the ordinal among headed scenes
    /// (forced non-INT/EXT headings are shots, not scenes, and do not count); `0` for the
    /// material before the first heading.
    public var number: String
    /// The heading as written, empty for scene 0.
    public var heading: String
    public var location: String
    public var setting: Setting?
    public var timeOfDay: String?
    public var range: SourceRange
    /// The IDs of the scene's shots, in order.
    public var shotIDs: [ShotID]

    public init(number: String, heading: String, location: String, setting: Setting?, timeOfDay: String?,
                range: SourceRange, shotIDs: [ShotID]) {
        self.number = number
        self.heading = heading
        self.location = location
        self.setting = setting
        self.timeOfDay = timeOfDay
        self.range = range
        self.shotIDs = shotIDs
    }
}

/// What the planner returns: the plan and anything worth telling the writer.
public struct PlanResult: Hashable, Sendable {
    public var plan: Plan
    public var diagnostics: [Diagnostic]

    public init(plan: Plan, diagnostics: [Diagnostic]) {
        self.plan = plan
        self.diagnostics = diagnostics
    }
}

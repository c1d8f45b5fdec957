import Screenplay

/// Everything the planner can be told. The defaults make the plan `animatic plan` prints.
public struct PlanConfiguration: Hashable, Sendable, Codable {
    /// The timeline rate (24 unless asked).
    public var frameRate: FrameRate
    /// The longest segment in milliseconds (10 s unless asked).
    public var maxSegmentMilliseconds: Int
    /// The longest clip the chosen backend can generate, in milliseconds (5 s for Wan2.2);
    /// segments are cut to the shorter of this and `maxSegmentMilliseconds`.
    public var backendMaxMilliseconds: Int?
    /// A style for every shot (`--style`); a `style` annotation wins for its scene or shot,
    /// and this wins over the title page's `Style:`.
    public var style: String?
    public var promptLanguage: PromptLanguageChoice
    /// Mixed into every shot's seed (`--seed`); an annotation's `seed` wins.
    public var seed: Int
    /// The negative prompt for every shot; a `negative` annotation wins for its shot.
    /// When nil, the default for the prompt language.
    public var negativePrompt: String?
    public var timing: TimingRules
    /// The longest prompt, in characters (800, what hosted Wan accepts).
    public var maxPromptCharacters: Int
    /// The spoken lines' audio lengths when the film has sound: shots then record their
    /// lines, and are timed from them unless `--timing estimate`. Nil: no sound.
    public var lineAudio: LineAudio?
    /// Whether the first interior at a new place opens on an exterior of it (project file
    /// `establishing_exteriors`, on unless turned off).
    public var establishingExteriors: Bool
    /// Takes of every shot (`--takes`, project file `takes`); a `takes` annotation wins
    /// for its shot. Nil: one.
    public var takes: Int?
    /// One take per style for every shot (project file `styles`); a `styles` annotation
    /// wins for its shot, and this wins over the title page's `Styles:`.
    public var styles: [String]?

    public init(frameRate: FrameRate = .film, maxSegmentMilliseconds: Int = 10_000, backendMaxMilliseconds: Int? = nil,
                style: String? = nil, promptLanguage: PromptLanguageChoice = .auto, seed: Int = 0,
                negativePrompt: String? = nil, timing: TimingRules = TimingRules(), maxPromptCharacters: Int = 800,
                lineAudio: LineAudio? = nil, establishingExteriors: Bool = true) {
        self.frameRate = frameRate
        self.maxSegmentMilliseconds = maxSegmentMilliseconds
        self.backendMaxMilliseconds = backendMaxMilliseconds
        self.style = style
        self.promptLanguage = promptLanguage
        self.seed = seed
        self.negativePrompt = negativePrompt
        self.timing = timing
        self.maxPromptCharacters = maxPromptCharacters
        self.lineAudio = lineAudio
        self.establishingExteriors = establishingExteriors
    }

    /// The longest segment in frames: the shorter of the configured and backend limits, at
    /// least one second.
    public var maxSegmentFrames: Int {
        let limit = min(maxSegmentMilliseconds, backendMaxMilliseconds ?? .max)
        return max(frameRate.frames(milliseconds: limit), frameRate.frames(milliseconds: 1000))
    }
}

import Screenplay

/// One generation request's worth of a shot: at most the maximum segment length, with the
/// prompt, negative prompt and seed a backend needs, and the card the storyboard draws.
///
/// Everything that shapes a segment's pixels is in `content`; nothing here depends on where
/// the segment lands in the timeline.
public struct Segment: Hashable, Sendable, Codable {
    /// The shot ID and a 1-based index: `12A-1`, `12A-2`.
    public var id: SegmentID
    /// The duration in frames.
    public var frames: Int
    /// Whether this segment continues the previous segment of the same shot.
    public var isContinuation: Bool
    /// For a continuation, the ID of the segment it continues (whose last frame is the reference image).
    public var continuesFrom: SegmentID?
    public var prompt: String
    public var negativePrompt: String
    public var seed: Int
    /// What the built-in storyboard renderer draws on this segment's card.
    public var card: StoryboardCard
    /// The part of the script this segment shows.
    public var range: SourceRange

    public init(id: SegmentID, frames: Int, isContinuation: Bool, continuesFrom: SegmentID?, prompt: String,
                negativePrompt: String, seed: Int, card: StoryboardCard, range: SourceRange) {
        self.id = id
        self.frames = frames
        self.isContinuation = isContinuation
        self.continuesFrom = continuesFrom
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.seed = seed
        self.card = card
        self.range = range
    }

    /// The fields that shape this segment's pixels, for a content-addressed cache key.
    public func content(frameRate: FrameRate) -> SegmentContent {
        SegmentContent(prompt: prompt, negativePrompt: negativePrompt, seed: seed, frames: frames,
                       frameRate: frameRate, continuesFrom: continuesFrom, card: card)
    }
}

/// Everything that shapes a segment's pixels and nothing else: hash it (with the backend
/// and its settings) for the clip cache key. It leaves out the source range and the
/// segment's place in the timeline on purpose.
public struct SegmentContent: Hashable, Sendable, Codable {
    public var prompt: String
    public var negativePrompt: String
    public var seed: Int
    public var frames: Int
    public var frameRate: FrameRate
    /// A continuation's pixels also depend on the segment it continues.
    public var continuesFrom: SegmentID?
    public var card: StoryboardCard
}

/// What a storyboard card shows: heading, shot, camera, the action or the line with its
/// speaker, and what the drawing's colour and framing guide come from.
public struct StoryboardCard: Hashable, Sendable, Codable {
    /// The scene heading as written (`INT. KITCHEN - NIGHT`).
    public var heading: String
    public var shotID: ShotID
    /// The camera term as a shot list prints it: `CU · low angle · push in`.
    public var cameraTerm: String
    public var kind: ShotKind
    public var size: ShotSize
    public var angle: CameraAngle
    public var move: CameraMove
    /// The action this segment shows, if any.
    public var action: String?
    /// Who speaks the dialogue line, if any (display name).
    public var speaker: String?
    /// The spoken words of this segment, drawn as a subtitle.
    public var dialogue: String?
    public var setting: Setting?
    public var daylight: Daylight
    /// A shot's second and later takes: `take 2`, `take 2 · noir`, drawn beside the shot ID
    /// so takes differ on a storyboard card too. Nil for take 1.
    public var take: String? = nil
}

/// The light a scene plays in, from its heading's time of day; colours a storyboard card
/// and sets a prompt's atmosphere.
public enum Daylight: String, CaseIterable, Hashable, Sendable, Codable {
    case day, night, dawn, dusk, unspecified

    /// Reads a heading's time of day: `NIGHT`, `NIGHT (1973)`, `DUSK`, `夜`, `黄昏`.
    public init(_ timeOfDay: String?) {
        let upper = (timeOfDay ?? "").uppercased()
        let table: [(Daylight, [String])] = [
            (.dawn, ["DAWN", "SUNRISE", "DAYBREAK", "EARLY MORNING", "PRE-DAWN", "黎明", "清晨", "凌晨", "晨"]),
            (.dusk, ["DUSK", "SUNSET", "EVENING", "MAGIC HOUR", "TWILIGHT", "NIGHTFALL", "黄昏", "傍晚", "昏"]),
            (.night, ["NIGHT", "MIDNIGHT", "夜", "晚上", "深夜"]),
            (.day, ["DAY", "MORNING", "AFTERNOON", "NOON", "白天", "上午", "下午", "中午", "午后", "日"]),
        ]
        self = table.first { _, words in words.contains { TextMeasure.occurs($0, in: upper) } }?.0 ?? .unspecified
    }
}

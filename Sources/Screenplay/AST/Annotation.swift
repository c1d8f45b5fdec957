/// A length of time written in an annotation: `3s`, `2.5s` or `72f`.
public enum ShotDuration: Hashable, Sendable {
    /// Seconds, kept exactly as thousandths (`2.5s` is 2500).
    case milliseconds(Int)
    /// A number of frames at the timeline rate.
    case frames(Int)
}

extension ShotDuration: Codable {
    private enum CodingKeys: String, CodingKey { case milliseconds, frames }

    /// Decodes `{"milliseconds": n}` or `{"frames": n}`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let frames = try container.decodeIfPresent(Int.self, forKey: .frames) {
            self = .frames(frames)
        } else {
            self = .milliseconds(try container.decode(Int.self, forKey: .milliseconds))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .milliseconds(let value): try container.encode(value, forKey: .milliseconds)
        case .frames(let value): try container.encode(value, forKey: .frames)
        }
    }
}

/// animatic's shot annotation: a note on its own line whose body is `key: value; key: value`,
/// e.g. `[[shot: CU Anna; move: dolly in; lens: 35mm; duration: 3s]]`. It applies to the
/// shot that follows it. Camera terms stay text here; the planner reads its vocabulary.
public struct Annotation: Hashable, Sendable, Codable {
    /// The keys an annotation may use.
    public static let keys = ["shot", "angle", "move", "lens", "duration", "seed", "style",
                              "prompt", "negative", "takes", "audio"]

    /// Shot size and subject, e.g. `CU Anna`, `WS`, `特写 安娜`.
    public var shot: String?
    public var angle: String?
    public var move: String?
    public var lens: String?
    public var duration: ShotDuration?
    /// The generation seed, 0…2147483647.
    public var seed: Int?
    public var style: String?
    /// Text appended to the generated prompt.
    public var prompt: String?
    /// The negative prompt for this shot.
    public var negative: String?
    /// How many takes to generate.
    public var takes: Int?
    /// A recorded take that replaces the next dialogue line's scratch voice.
    public var audio: AudioReference?
    public var range: SourceRange

    public init(shot: String? = nil, angle: String? = nil, move: String? = nil, lens: String? = nil,
                duration: ShotDuration? = nil, seed: Int? = nil, style: String? = nil,
                prompt: String? = nil, negative: String? = nil, takes: Int? = nil, range: SourceRange) {
        self.shot = shot
        self.angle = angle
        self.move = move
        self.lens = lens
        self.duration = duration
        self.seed = seed
        self.style = style
        self.prompt = prompt
        self.negative = negative
        self.takes = takes
        self.range = range
    }
}

/// An audio file a script names (`[[audio: sound/sc2-line4.wav]]`): the path as written,
/// relative to the script, and where it is written, for a diagnostic when it cannot be read.
public struct AudioReference: Hashable, Sendable, Codable {
    public var path: String
    /// The value's range in the script.
    public var range: SourceRange

    public init(path: String, range: SourceRange) {
        self.path = path
        self.range = range
    }
}

import Screenplay

/// Changes a review (`film.review.yaml`, docs/review.md) makes to shots the script plans,
/// by shot ID, each value with where it was written. The planner applies them over the
/// script's own shot (`ShotRevising`); the script itself is never touched.
public struct ShotRevisions: Hashable, Sendable {
    /// The revision of each shot that has one, by shot ID (`2K`).
    public var byShot: [ShotID: ShotRevision]
    /// The take a review picks for the timeline, by shot ID (`pick: 2`).
    public var picks: [ShotID: Int]

    public init(byShot: [ShotID: ShotRevision] = [:], picks: [ShotID: Int] = [:]) {
        self.byShot = byShot
        self.picks = picks
    }

    /// No revisions (picks aside).
    public var isEmpty: Bool { byShot.isEmpty }
}

/// One shot's revision: each field nil when the review leaves it as the script plans it.
public struct ShotRevision: Hashable, Sendable {
    /// Text added to every segment's prompt (after the annotation's `prompt`).
    public var promptAdd: Revised<String>?
    /// Words and phrases taken out of every segment's prompt, wherever they stand as words.
    public var promptRemove: Revised<[String]>?
    /// Text added to the negative prompt in effect.
    public var negativeAdd: Revised<String>?
    public var size: Revised<ShotSize>?
    public var move: Revised<CameraMove>?
    public var angle: Revised<CameraAngle>?
    public var duration: Revised<ShotDuration>?
    public var seed: Revised<Int>?
    public var style: Revised<String>?

    public init() {}

    /// The fields set, by their review-file names, in the order the schema lists them.
    public var marks: [RevisedField] {
        let fields: [(String, SourceLocation?)] = [
            ("prompt_add", promptAdd?.location), ("prompt_remove", promptRemove?.location),
            ("negative_add", negativeAdd?.location), ("size", size?.location), ("move", move?.location),
            ("angle", angle?.location), ("duration", duration?.location), ("seed", seed?.location),
            ("style", style?.location),
        ]
        return fields.compactMap { name, location in
            location.map { RevisedField(field: name, line: $0.line, column: $0.column) }
        }
    }
}

/// A revised value and where the review file gives it.
public struct Revised<Value: Hashable & Sendable>: Hashable, Sendable {
    public var value: Value
    /// The value's first character in the review file.
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// A field of a shot the review revised, and the review-file line and column of its value:
/// what `plan` shows (docs/plan-json.md, `revised`).
public struct RevisedField: Hashable, Sendable, Codable {
    /// The review file's name for it: `size`, `prompt_add`, …
    public var field: String
    public var line: Int
    public var column: Int

    public init(field: String, line: Int, column: Int) {
        self.field = field
        self.line = line
        self.column = column
    }
}

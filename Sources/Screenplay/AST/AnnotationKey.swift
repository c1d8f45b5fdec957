/// The keys an annotation may use, and how each one's value is written. Parsing, merging,
/// the JSON form and the tree dump all go through this enum, so a new key is a new case
/// (and its value kind below).
public enum AnnotationKey: String, CaseIterable, Hashable, Sendable, Codable {
    /// Shot size and subject, e.g. `CU Anna`, `WS`, `特写 安娜`.
    case shot
    /// The camera's height and tilt: `low`, `high angle`, `俯拍`.
    case angle
    /// What the camera does: `dolly in`, `pan`, `推`.
    case move
    /// The lens, passed to the prompt as written: `35mm`.
    case lens
    /// How long the shot lasts, overriding the timing rules.
    case duration
    /// The generation seed.
    case seed
    /// A visual style: for the scene when it is the annotation's only key, else for the shot.
    case style
    /// Text appended to the generated prompt.
    case prompt
    /// The negative prompt for this shot.
    case negative
    /// How many takes to generate.
    case takes
    /// A recorded take (an audio file, relative to the script) that replaces the next
    /// speech's scratch voice.
    case audio
    /// One take per style, separated by `|`: `noir | pastel | documentary`.
    case styles

    /// How a value is written.
    public enum ValueKind: Hashable, Sendable {
        /// Free text; camera terms in it are read by the planner's vocabulary.
        case text
        /// `3s`, `2.5s` or `72f`.
        case duration
        /// A whole number within the range.
        case integer(ClosedRange<Int>)
    }

    /// How this key's value is written.
    public var valueKind: ValueKind {
        switch self {
        case .shot, .angle, .move, .lens, .style, .prompt, .negative, .audio, .styles: .text
        case .duration: .duration
        // The range hosted Wan accepts.
        case .seed: .integer(0...2_147_483_647)
        case .takes: .integer(1...100)
        }
    }
}

/// A value read from an annotation, typed by its key's `ValueKind`.
public enum AnnotationValue: Hashable, Sendable {
    /// A `.text` key's value, as written (surrounding blanks trimmed).
    case text(String)
    /// A `.duration` key's value.
    case duration(ShotDuration)
    /// An `.integer` key's value, inside the key's range.
    case integer(Int)
}

/// One `key: value` of an annotation: the value and where the value is written, so a
/// diagnostic about it (`move: wobble`) points at the value, not the whole note.
public struct AnnotationField: Hashable, Sendable {
    public var value: AnnotationValue
    public var range: SourceRange

    public init(_ value: AnnotationValue, at range: SourceRange) {
        self.value = value
        self.range = range
    }
}

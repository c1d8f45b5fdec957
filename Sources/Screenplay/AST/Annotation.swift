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
public struct Annotation: Hashable, Sendable {
    /// The values given, each with its own range. A key written twice keeps its last value.
    public var fields: [AnnotationKey: AnnotationField]
    /// The whole note, brackets included.
    public var range: SourceRange

    public init(fields: [AnnotationKey: AnnotationField] = [:], range: SourceRange) {
        self.fields = fields
        self.range = range
    }

    public subscript(key: AnnotationKey) -> AnnotationField? {
        get { fields[key] }
        set { fields[key] = newValue }
    }

    /// The fields in the order of `AnnotationKey.allCases`, the order dumps and JSON use.
    public var orderedFields: [(key: AnnotationKey, field: AnnotationField)] {
        AnnotationKey.allCases.compactMap { key in fields[key].map { (key, $0) } }
    }

    /// The value of a text key, e.g. `text(.shot)` → `CU Anna`.
    public func text(_ key: AnnotationKey) -> String? {
        if case .text(let text)? = fields[key]?.value { text } else { nil }
    }

    /// The value of a whole-number key (`seed`, `takes`).
    public func integer(_ key: AnnotationKey) -> Int? {
        if case .integer(let number)? = fields[key]?.value { number } else { nil }
    }

    /// The value of a duration key.
    public func duration(_ key: AnnotationKey) -> ShotDuration? {
        if case .duration(let duration)? = fields[key]?.value { duration } else { nil }
    }

    /// This annotation with `later`'s values over its own, as when two annotations in a row
    /// frame the same shot.
    public func merging(_ later: Annotation) -> Annotation {
        var result = self
        result.fields.merge(later.fields) { _, new in new }
        return result
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

// The JSON form of an annotation (docs/screenplay-json.md): each value under its key's name
// (a string, an int, or a duration object), `range` for the whole note, and `valueRanges`
// mapping each key given to where its value is written.

private struct AnnotationCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(_ key: AnnotationKey) { stringValue = key.rawValue }
    static let range = AnnotationCodingKey(stringValue: "range")
    static let valueRanges = AnnotationCodingKey(stringValue: "valueRanges")
}

extension Annotation: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: AnnotationCodingKey.self)
        let range = try container.decode(SourceRange.self, forKey: .range)
        // Written by every release that writes values' ranges; a value without one gets the note's.
        let valueRanges = try container.decodeIfPresent([String: SourceRange].self, forKey: .valueRanges) ?? [:]
        var fields: [AnnotationKey: AnnotationField] = [:]
        for key in AnnotationKey.allCases {
            let codingKey = AnnotationCodingKey(key)
            let value: AnnotationValue? = switch key.valueKind {
            case .text: try container.decodeIfPresent(String.self, forKey: codingKey).map(AnnotationValue.text)
            case .duration: try container.decodeIfPresent(ShotDuration.self, forKey: codingKey).map(AnnotationValue.duration)
            case .integer: try container.decodeIfPresent(Int.self, forKey: codingKey).map(AnnotationValue.integer)
            }
            if let value { fields[key] = AnnotationField(value, at: valueRanges[key.rawValue] ?? range) }
        }
        self.init(fields: fields, range: range)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: AnnotationCodingKey.self)
        for (key, field) in orderedFields {
            let codingKey = AnnotationCodingKey(key)
            switch field.value {
            case .text(let text): try container.encode(text, forKey: codingKey)
            case .duration(let duration): try container.encode(duration, forKey: codingKey)
            case .integer(let number): try container.encode(number, forKey: codingKey)
            }
        }
        try container.encode(range, forKey: .range)
        try container.encode(Dictionary(uniqueKeysWithValues: orderedFields.map { ($0.key.rawValue, $0.field.range) }),
                             forKey: .valueRanges)
    }
}

// The JSON form of elements: every element object carries a `type` string next to its
// fields (see docs/screenplay-json.md).

private struct TypeKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    static let type = TypeKey(stringValue: "type")
}

extension Element: Codable {
    public init(from decoder: Decoder) throws {
        let type = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        switch type {
        case "action": self = .action(try Action(from: decoder))
        case "shot": self = .shot(try ShotLine(from: decoder))
        case "dialogue": self = .dialogue(try Dialogue(from: decoder))
        case "transition": self = .transition(try Transition(from: decoder))
        case "centered": self = .centered(try Centered(from: decoder))
        case "lyrics": self = .lyrics(try Lyrics(from: decoder))
        case "note": self = .note(try Note(from: decoder))
        case "annotation": self = .annotation(try Annotation(from: decoder))
        case "pageBreak": self = .pageBreak(try PageBreak(from: decoder))
        case "section": self = .section(try Section(from: decoder))
        case "synopsis": self = .synopsis(try Synopsis(from: decoder))
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "unknown element type '\(type)'"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: TypeKey.self)
        try container.encode(typeName, forKey: .type)
        switch self {
        case .action(let e): try e.encode(to: encoder)
        case .shot(let e): try e.encode(to: encoder)
        case .dialogue(let e): try e.encode(to: encoder)
        case .transition(let e): try e.encode(to: encoder)
        case .centered(let e): try e.encode(to: encoder)
        case .lyrics(let e): try e.encode(to: encoder)
        case .note(let e): try e.encode(to: encoder)
        case .annotation(let e): try e.encode(to: encoder)
        case .pageBreak(let e): try e.encode(to: encoder)
        case .section(let e): try e.encode(to: encoder)
        case .synopsis(let e): try e.encode(to: encoder)
        }
    }
}

extension DialogueLine: Codable {
    private enum CodingKeys: String, CodingKey { case type, text, range }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let range = try container.decode(SourceRange.self, forKey: .range)
        switch try container.decode(String.self, forKey: .type) {
        case "parenthetical": self = .parenthetical(try container.decode(String.self, forKey: .text), range)
        default: self = .text(try container.decode(StyledText.self, forKey: .text), range)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text(let text, let range):
            try container.encode("text", forKey: .type)
            try container.encode(text, forKey: .text)
            try container.encode(range, forKey: .range)
        case .parenthetical(let text, let range):
            try container.encode("parenthetical", forKey: .type)
            try container.encode(text, forKey: .text)
            try container.encode(range, forKey: .range)
        }
    }
}

extension Dialogue {
    private enum CodingKeys: String, CodingKey {
        case character, `extension`, extensions, forced, dual, lines, cueRange, range
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(character: try container.decode(String.self, forKey: .character),
                  extensions: try container.decode([String].self, forKey: .extensions),
                  forced: try container.decode(Bool.self, forKey: .forced),
                  dual: try container.decode(Bool.self, forKey: .dual),
                  lines: try container.decode([DialogueLine].self, forKey: .lines),
                  cueRange: try container.decode(SourceRange.self, forKey: .cueRange),
                  range: try container.decode(SourceRange.self, forKey: .range))
    }

    /// Adds `extension`: the extensions joined with ", ", or null — the form most tools want.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(character, forKey: .character)
        try container.encode(extensions.isEmpty ? nil : extensions.joined(separator: ", "), forKey: .extension)
        try container.encode(extensions, forKey: .extensions)
        try container.encode(forced, forKey: .forced)
        try container.encode(dual, forKey: .dual)
        try container.encode(lines, forKey: .lines)
        try container.encode(cueRange, forKey: .cueRange)
        try container.encode(range, forKey: .range)
    }
}

extension SceneHeading {
    private enum CodingKeys: String, CodingKey {
        case type, text, setting, location, timeOfDay, sceneNumber, forced, isShot, range
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(text: try container.decode(String.self, forKey: .text),
                  setting: try container.decodeIfPresent(Setting.self, forKey: .setting),
                  location: try container.decode(String.self, forKey: .location),
                  timeOfDay: try container.decodeIfPresent(String.self, forKey: .timeOfDay),
                  sceneNumber: try container.decodeIfPresent(String.self, forKey: .sceneNumber),
                  forced: try container.decode(Bool.self, forKey: .forced),
                  range: try container.decode(SourceRange.self, forKey: .range))
    }

    /// Written with `"type": "heading"` and the derived `isShot`, nulls included.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("heading", forKey: .type)
        try container.encode(text, forKey: .text)
        try container.encode(setting, forKey: .setting)
        try container.encode(location, forKey: .location)
        try container.encode(timeOfDay, forKey: .timeOfDay)
        try container.encode(sceneNumber, forKey: .sceneNumber)
        try container.encode(forced, forKey: .forced)
        try container.encode(isShot, forKey: .isShot)
        try container.encode(range, forKey: .range)
    }
}

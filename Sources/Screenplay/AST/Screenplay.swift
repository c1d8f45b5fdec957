/// One `Key: value` entry of the title page. A value may run over several lines.
public struct TitlePageEntry: Hashable, Sendable, Codable {
    public var key: String
    public var values: [StyledText]
    public var range: SourceRange

    public init(key: String, values: [StyledText], range: SourceRange) {
        self.key = key
        self.values = values
        self.range = range
    }
}

/// A scene: its heading and the elements under it.
///
/// The first scene of a screenplay (scene 0) holds what comes before the first heading
/// and has no heading; it is always present, possibly empty.
public struct Scene: Hashable, Sendable, Codable {
    public var heading: SceneHeading?
    public var elements: [Element]
    public var range: SourceRange

    public init(heading: SceneHeading?, elements: [Element], range: SourceRange) {
        self.heading = heading
        self.elements = elements
        self.range = range
    }

    private enum CodingKeys: String, CodingKey { case heading, elements, range }

    /// Written with `"heading": null` for scene 0, so every scene object has the same keys.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(heading, forKey: .heading)
        try container.encode(elements, forKey: .elements)
        try container.encode(range, forKey: .range)
    }
}

/// A parsed Fountain screenplay: title page and scenes, every node with its source range.
public struct Screenplay: Hashable, Sendable, Codable {
    public var titlePage: [TitlePageEntry]
    /// Scene 0 (material before the first heading), then one scene per heading.
    public var scenes: [Scene]

    public init(titlePage: [TitlePageEntry], scenes: [Scene]) {
        self.titlePage = titlePage
        self.scenes = scenes
    }

    /// The first title-page value for `key`, compared without regard to case.
    public func titleValue(_ key: String) -> String? {
        titlePage.first { $0.key.lowercased() == key.lowercased() }
            .map { $0.values.map(\.plain).joined(separator: "\n") }
    }

    /// Every element of every scene, in script order.
    public var allElements: some Sequence<Element> { scenes.lazy.flatMap(\.elements) }

    /// Every scene heading, in script order.
    public var headings: [SceneHeading] { scenes.compactMap(\.heading) }
}

/// What the reader returns: always a tree, plus the problems it found.
public struct ParseResult: Hashable, Sendable {
    public var screenplay: Screenplay
    public var diagnostics: [Diagnostic]

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

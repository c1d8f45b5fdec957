/// Fountain emphasis: `*italic*`, `**bold**`, `***both***`, `_underline_`.
public struct Emphasis: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let italic = Emphasis(rawValue: 1 << 0)
    public static let bold = Emphasis(rawValue: 1 << 1)
    public static let underline = Emphasis(rawValue: 1 << 2)

    /// The names of the styles set, in a fixed order.
    public var names: [String] {
        var names: [String] = []
        if contains(.bold) { names.append("bold") }
        if contains(.italic) { names.append("italic") }
        if contains(.underline) { names.append("underline") }
        return names
    }

    init(names: [String]) {
        var value = Emphasis()
        for name in names {
            switch name {
            case "bold": value.insert(.bold)
            case "italic": value.insert(.italic)
            case "underline": value.insert(.underline)
            default: break
            }
        }
        self = value
    }
}

extension Emphasis: Codable {
    public init(from decoder: Decoder) throws {
        self.init(names: try decoder.singleValueContainer().decode([String].self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(names)
    }
}

/// A stretch of text with one emphasis style.
public struct TextRun: Hashable, Sendable, Codable {
    public var text: String
    public var style: Emphasis

    public init(_ text: String, style: Emphasis = []) {
        self.text = text
        self.style = style
    }
}

/// Text with its emphasis kept as styled runs (the asterisks and underscores are gone).
public struct StyledText: Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var runs: [TextRun]

    public init(runs: [TextRun]) { self.runs = runs }

    public init(stringLiteral value: String) {
        self.runs = value.isEmpty ? [] : [TextRun(value)]
    }

    /// The text without any styling.
    public var plain: String {
        switch runs.count {
        case 0: ""
        case 1: runs[0].text   // most lines: no copy
        default: runs.map(\.text).joined()
        }
    }

    /// Whether any run carries a style.
    public var isStyled: Bool { runs.contains { !$0.style.isEmpty } }

    public var description: String { plain }

    /// Decodes either form written by `encode(to:)`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let plain = try? container.decode(String.self) {
            self.init(stringLiteral: plain)
        } else {
            self.init(runs: try container.decode([TextRun].self))
        }
    }

    /// Unstyled text is written as a plain JSON string; styled text as an array of
    /// `{"text", "style": ["bold", "italic", "underline"]}` runs.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if isStyled {
            try container.encode(runs)
        } else {
            try container.encode(plain)
        }
    }
}

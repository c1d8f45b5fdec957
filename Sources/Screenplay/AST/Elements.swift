/// An action paragraph. Line breaks and indentation are kept (a tab counts as 4 spaces).
public struct Action: Hashable, Sendable, Codable {
    public var lines: [StyledText]
    /// Whether the paragraph was forced with a leading `!`.
    public var forced: Bool
    public var range: SourceRange

    public init(lines: [StyledText], forced: Bool, range: SourceRange) {
        self.lines = lines
        self.forced = forced
        self.range = range
    }

    /// The paragraph as plain text, lines joined with newlines.
    public var text: String { lines.count == 1 ? lines[0].plain : lines.map(\.plain).joined(separator: "\n") }
}

/// A one-line action paragraph entirely in uppercase — `CLOSE ON THE LETTER`, `INSERT - WATCH`,
/// `A RIVER.` — which names a shot.
public struct ShotLine: Hashable, Sendable, Codable {
    public var text: StyledText
    public var range: SourceRange

    public init(text: StyledText, range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// One line inside a dialogue block.
public enum DialogueLine: Hashable, Sendable {
    /// Spoken text. An empty line comes from a two-space line that keeps a blank inside dialogue.
    case text(StyledText, SourceRange)
    /// A parenthetical such as `(beat)`, without its parentheses.
    case parenthetical(String, SourceRange)

    public var range: SourceRange {
        switch self {
        case .text(_, let range), .parenthetical(_, let range): range
        }
    }
}

/// A character cue with what they say.
public struct Dialogue: Hashable, Sendable, Codable {
    /// The character's name as written in the cue, without extensions or markers.
    public var character: String
    /// Extensions in parentheses after the name, without the parentheses: `V.O.`, `CONT'D`, `on the radio`.
    public var extensions: [String]
    /// Whether the cue was forced with `@`.
    public var forced: Bool
    /// Whether this is one half of dual dialogue (`^` on the second cue marks both).
    public var dual: Bool
    public var lines: [DialogueLine]
    /// The range of the cue line alone.
    public var cueRange: SourceRange
    public var range: SourceRange

    public init(character: String, extensions: [String], forced: Bool, dual: Bool,
                lines: [DialogueLine], cueRange: SourceRange, range: SourceRange) {
        self.character = character
        self.extensions = extensions
        self.forced = forced
        self.dual = dual
        self.lines = lines
        self.cueRange = cueRange
        self.range = range
    }

    /// The spoken words only, lines joined with spaces.
    public var spokenText: String {
        lines.compactMap { line -> String? in
            if case .text(let text, _) = line, !text.plain.isEmpty { return text.plain }
            return nil
        }.joined(separator: " ")
    }
}

/// A transition: `CUT TO:`, or forced with `>` (`> BURN TO PINK.`).
public struct Transition: Hashable, Sendable, Codable {
    public var text: String
    public var forced: Bool
    public var range: SourceRange

    public init(text: String, forced: Bool, range: SourceRange) {
        self.text = text
        self.forced = forced
        self.range = range
    }
}

/// Centered text, `>THE END<`; consecutive centered lines form one element.
public struct Centered: Hashable, Sendable, Codable {
    public var lines: [StyledText]
    public var range: SourceRange

    public init(lines: [StyledText], range: SourceRange) {
        self.lines = lines
        self.range = range
    }
}

/// Lyrics, lines starting with `~`; consecutive lyric lines form one element.
public struct Lyrics: Hashable, Sendable, Codable {
    public var lines: [StyledText]
    public var range: SourceRange

    public init(lines: [StyledText], range: SourceRange) {
        self.lines = lines
        self.range = range
    }
}

/// A note, `[[ … ]]`, that is not an annotation.
public struct Note: Hashable, Sendable, Codable {
    /// The note's text without the brackets, trimmed.
    public var text: String
    /// Whether the note sat inside another element's text rather than on lines of its own.
    /// An inline note follows the element it was written in.
    public var inline: Bool
    public var range: SourceRange

    public init(text: String, inline: Bool, range: SourceRange) {
        self.text = text
        self.inline = inline
        self.range = range
    }
}

/// A page break, `===`.
public struct PageBreak: Hashable, Sendable, Codable {
    public var range: SourceRange

    public init(range: SourceRange) { self.range = range }
}

/// A section heading, `#` to `######`; structure only, never printed.
public struct Section: Hashable, Sendable, Codable {
    public var level: Int
    public var text: String
    public var range: SourceRange

    public init(level: Int, text: String, range: SourceRange) {
        self.level = level
        self.text = text
        self.range = range
    }
}

/// A synopsis, `= text`; structure only, never printed.
public struct Synopsis: Hashable, Sendable, Codable {
    public var text: String
    public var range: SourceRange

    public init(text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// A position in the script's bytes.
///
/// `line` and `column` are 1-based; `column` counts Unicode scalars from the start of the
/// line (a tab is one column), so editors land on the right character in Chinese text.
/// `offset` is the 0-based UTF-8 byte offset into the file as read, byte-order mark included.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool { lhs.offset < rhs.offset }

    /// `line:column`, as compilers print it.
    public var description: String { "\(line):\(column)" }
}

/// A half-open span of the script: `start` is the first byte, `end` is one past the last.
public struct SourceRange: Hashable, Sendable, Codable, CustomStringConvertible {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// `@line:col-line:col`, the form tree dumps use.
    public var description: String { "@\(start)-\(end)" }
}

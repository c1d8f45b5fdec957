import Screenplay

/// A value read from a project file, YAML or TOML alike, with where it starts in the file:
/// the one tree the schema reads, so both formats report the same errors at the same places.
struct ConfigNode: Sendable {
    /// What a value is.
    enum Value: Sendable {
        case string(String)
        case integer(Int)
        case float(Double)
        case bool(Bool)
        case array([ConfigNode])
        case table([ConfigEntry])
        /// YAML's `~`, `null` or a key with nothing after it.
        case null
    }

    var value: Value
    /// The value's first character.
    var location: SourceLocation

    /// What kind of value this is, for messages: `a string`, `a table`.
    var kindName: String {
        switch value {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number with a fraction"
        case .bool: "a boolean"
        case .array: "a list"
        case .table: "a table"
        case .null: "nothing"
        }
    }
}

/// One `key = value` of a table, in file order.
struct ConfigEntry: Sendable {
    var key: String
    /// The key's first character.
    var keyLocation: SourceLocation
    var value: ConfigNode
}

/// A problem at one place in a project file: what the readers and the schema report.
struct ConfigError: Error, Sendable {
    var message: String
    var location: SourceLocation
    /// A hint printed on its own `note:` line.
    var note: String?

    init(_ message: String, at location: SourceLocation, note: String? = nil) {
        self.message = message
        self.location = location
        self.note = note
    }
}

extension SourceLocation {
    /// A location for a line and column, where the byte offset is not tracked.
    static func at(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(line: line, column: column, offset: 0)
    }
}

import Screenplay

/// Reads the part of TOML 1.0 a project file needs: `[table]` headers, dotted and quoted
/// keys, basic strings with escapes, literal strings, integers, floats, booleans, arrays,
/// inline tables and comments. What it does not read (multi-line strings, arrays of tables,
/// dates and times, hexadecimal, octal and binary integers, inf and nan) is an error at the
/// place it starts, as is anything TOML forbids: a key or table defined twice, a key added
/// to an inline table, a bare word where a value belongs.
struct TOMLReader {
    private var scanner: TOMLScanner

    private init(_ text: String) {
        scanner = TOMLScanner(text)
    }

    /// The document's root table.
    static func read(_ text: String) throws(ConfigError) -> ConfigNode {
        var reader = TOMLReader(text)
        return try reader.document()
    }

    private mutating func document() throws(ConfigError) -> ConfigNode {
        let root = TableBuilder(origin: .header, path: [], location: scanner.location)
        var current = root
        while true {
            scanner.skipSpaces()
            guard let character = scanner.peek() else { break }
            switch character {
            case "#": scanner.skipComment()
            case "\n": scanner.advance()
            case "[":
                current = try header(in: root)
                try scanner.endOfLine()
            default:
                try keyValue(into: current)
                try scanner.endOfLine()
            }
        }
        return root.node()
    }

    /// `[a.b]`: the table the following keys go into.
    private mutating func header(in root: TableBuilder) throws(ConfigError) -> TableBuilder {
        let start = scanner.location
        scanner.advance()
        if scanner.peek() == "[" {
            throw ConfigError("arrays of tables ([[...]]) are not supported in a project file", at: start)
        }
        scanner.skipSpaces()
        let keys = try key()
        scanner.skipSpaces()
        guard scanner.peek() == "]" else { throw ConfigError("expected ']' to close the table header", at: scanner.location) }
        scanner.advance()
        var table = root
        for (position, part) in keys.enumerated() {
            let isLast = position == keys.count - 1
            let path = table.path + [part.name]
            guard let existing = table.entry(part.name) else {
                let created = TableBuilder(origin: isLast ? .header : .implicit, path: path, location: part.location)
                table.entries.append((part.name, part.location, .table(created)))
                table = created
                continue
            }
            guard case .table(let next) = existing else { throw Self.notATable(path, at: part.location) }
            if isLast {
                guard next.origin == .implicit else {
                    let how = next.origin == .dotted ? "by dotted keys" : "before"
                    throw ConfigError("table [\(Self.name(path))] is already defined \(how)", at: part.location)
                }
                next.origin = .header
            }
            table = next
        }
        return table
    }

    /// `a.b = value`, added to `table`.
    private mutating func keyValue(into table: TableBuilder) throws(ConfigError) {
        let keys = try key()
        scanner.skipSpaces()
        guard scanner.peek() == "=" else { throw ConfigError("expected '=' after the key", at: scanner.location) }
        scanner.advance()
        scanner.skipSpaces()
        let node: ConfigNode
        do { node = try value() } catch {
            // A syntax error quotes the value it found; under a key that names a secret
            // (`api_key = sk-…`, unquoted) it says what the key is instead.
            let path = table.path + keys.map(\.name)
            guard let secret = keys.last(where: { SecretKey.looksSecret($0.name) }) else { throw error }
            throw ConfigError(
                "'\(Self.name(path))' looks like a secret; a project file is shared with the script, so it holds none",
                at: secret.location, note: "remove it and set \(SecretKey.environmentVariable) in the environment instead")
        }
        var target = table
        for part in keys.dropLast() {
            let path = target.path + [part.name]
            guard let existing = target.entry(part.name) else {
                let created = TableBuilder(origin: .dotted, path: path, location: part.location)
                target.entries.append((part.name, part.location, .table(created)))
                target = created
                continue
            }
            guard case .table(let next) = existing else { throw Self.notATable(path, at: part.location) }
            guard next.origin == .dotted else {
                throw ConfigError("table [\(Self.name(path))] is defined by a header; put its keys under it", at: part.location)
            }
            target = next
        }
        let last = keys[keys.count - 1]
        guard target.entry(last.name) == nil else {
            throw ConfigError("'\(Self.name(target.path + [last.name]))' is defined twice", at: last.location)
        }
        target.entries.append((last.name, last.location, .value(node)))
    }

    /// A dotted key: one or more simple keys joined by `.`.
    private mutating func key() throws(ConfigError) -> [(name: String, location: SourceLocation)] {
        var parts: [(name: String, location: SourceLocation)] = []
        while true {
            let start = scanner.location
            parts.append((try simpleKey(), start))
            scanner.skipSpaces()
            guard scanner.peek() == "." else { return parts }
            scanner.advance()
            scanner.skipSpaces()
        }
    }

    private mutating func simpleKey() throws(ConfigError) -> String {
        switch scanner.peek() {
        case "\"": return try scanner.basicString()
        case "'": return try scanner.literalString()
        default:
            let word = scanner.bareKey()
            guard !word.isEmpty else { throw ConfigError("expected a key", at: scanner.location) }
            return word
        }
    }

    private mutating func value() throws(ConfigError) -> ConfigNode {
        let start = scanner.location
        switch scanner.peek() {
        case "\"": return ConfigNode(value: .string(try scanner.basicString()), location: start)
        case "'": return ConfigNode(value: .string(try scanner.literalString()), location: start)
        case "[": return try array()
        case "{": return try inlineTable()
        default: return ConfigNode(value: try scanner.plainValue(), location: start)
        }
    }

    /// `[a, b, ...]`, over any number of lines, with comments and a trailing comma allowed.
    private mutating func array() throws(ConfigError) -> ConfigNode {
        let start = scanner.location
        scanner.advance()
        var items: [ConfigNode] = []
        while true {
            scanner.skipSpacesLinesAndComments()
            if scanner.peek() == "]" { break }
            items.append(try value())
            scanner.skipSpacesLinesAndComments()
            if scanner.peek() == "," {
                scanner.advance()
            } else if scanner.peek() != "]" {
                throw ConfigError("expected ',' or ']' in the list", at: scanner.location)
            }
        }
        scanner.advance()
        return ConfigNode(value: .array(items), location: start)
    }

    /// `{ a = 1, b.c = "x" }`, on one line, closed to later additions.
    private mutating func inlineTable() throws(ConfigError) -> ConfigNode {
        let start = scanner.location
        scanner.advance()
        let table = TableBuilder(origin: .header, path: [], location: start)
        scanner.skipSpaces()
        if scanner.peek() == "}" {
            scanner.advance()
            return table.node()
        }
        while true {
            scanner.skipSpaces()
            try keyValue(into: table)
            scanner.skipSpaces()
            if scanner.peek() == "," {
                scanner.advance()
            } else if scanner.peek() == "}" {
                scanner.advance()
                return table.node()
            } else {
                throw ConfigError("expected ',' or '}' in the inline table (it must fit on one line)", at: scanner.location)
            }
        }
    }

    private static func name(_ path: [String]) -> String { path.joined(separator: ".") }

    private static func notATable(_ path: [String], at location: SourceLocation) -> ConfigError {
        ConfigError("'\(name(path))' is already a value, not a table", at: location)
    }
}

/// A table being read: its entries so far, and how it came to be, which decides whether a
/// header or a dotted key may still add to it.
private final class TableBuilder {
    enum Origin {
        /// Named only as part of a longer header (`a` in `[a.b]`): a header may still define it.
        case implicit
        /// Defined by its own header, or the root, or an inline table.
        case header
        /// Made by a dotted key (`a` in `a.b = 1`): more dotted keys may add to it.
        case dotted
    }

    enum Slot {
        case value(ConfigNode)
        case table(TableBuilder)
    }

    var origin: Origin
    let path: [String]
    let location: SourceLocation
    var entries: [(key: String, location: SourceLocation, slot: Slot)] = []

    init(origin: Origin, path: [String], location: SourceLocation) {
        self.origin = origin
        self.path = path
        self.location = location
    }

    func entry(_ key: String) -> Slot? {
        entries.first { $0.key == key }?.slot
    }

    func node() -> ConfigNode {
        let items = entries.map { entry -> ConfigEntry in
            switch entry.slot {
            case .value(let node): ConfigEntry(key: entry.key, keyLocation: entry.location, value: node)
            case .table(let table): ConfigEntry(key: entry.key, keyLocation: entry.location, value: table.node())
            }
        }
        return ConfigNode(value: .table(items), location: location)
    }
}

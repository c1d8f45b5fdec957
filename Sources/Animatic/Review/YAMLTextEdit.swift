import Foundation
import Yams

/// Edits a YAML text in place, at the line and column marks of its composed nodes, so that
/// everything not edited — comments, blank lines, key order, quoting, line endings — stays
/// byte for byte (a round trip through a YAML library would drop the comments). Edits are
/// collected against the original text and applied together, last first.
struct YAMLTextEdit {
    /// The text's lines as Unicode scalars (marks count columns in scalars), without their ends.
    let lines: [[Unicode.Scalar]]
    /// `\r\n` when the text uses it, else `\n`.
    let newline: String
    private let endsWithNewline: Bool
    private var replacements: [(start: Position, end: Position, text: String)] = []
    private var insertions: [(afterLine: Int, indent: Int, lines: [String])] = []

    /// A place in the text: 0-based line and column.
    struct Position: Comparable {
        var line: Int
        var column: Int

        static func < (a: Position, b: Position) -> Bool { (a.line, a.column) < (b.line, b.column) }
    }

    init(_ text: String) {
        // Split by scalars: to `String`, "\r\n" is one character, which is not "\n".
        var scalars = Array(text.unicodeScalars)
        newline = text.unicodeScalars.contains("\r") ? "\r\n" : "\n"
        endsWithNewline = scalars.last == "\n"
        if endsWithNewline { scalars.removeLast() }
        lines = scalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            Array(line.last == "\r" ? line.dropLast() : line[...])
        }
    }

    /// The node's start as a 0-based position.
    static func position(_ mark: Mark?) -> Position {
        Position(line: (mark?.line ?? 1) - 1, column: (mark?.column ?? 1) - 1)
    }

    // MARK: - Reading the layout

    /// The number of spaces a line starts with.
    func indent(_ line: Int) -> Int {
        lines[line].prefix { $0 == " " }.count
    }

    /// Whether a line holds nothing but spaces or a comment.
    func isBlankOrComment(_ line: Int) -> Bool {
        let rest = lines[line].drop { $0 == " " || $0 == "\t" }
        return rest.isEmpty || rest.first == "#"
    }

    /// The last line with content of the block that starts on `line` and whose further lines
    /// are indented at least `indent`: a block mapping's keys' column, or a block sequence's
    /// dashes' column (then a line at that column must be another item).
    func lastLine(ofBlockFrom line: Int, indent: Int, sequence: Bool = false) -> Int {
        var last = line
        var next = line + 1
        while next < lines.count {
            if !isBlankOrComment(next) {
                let depth = self.indent(next)
                guard depth >= indent else { break }
                if sequence && depth == indent && lines[next][depth] != "-" { break }
                last = next
            }
            next += 1
        }
        return last
    }

    /// Whether the collection starting at `start` is written in brackets (`{…}`, `[…]`):
    /// read from the text, as the composed nodes do not keep their style.
    func isFlow(at start: Position) -> Bool {
        guard start.line < lines.count, start.column < lines[start.line].count else { return false }
        return ["{", "["].contains(lines[start.line][start.column])
    }

    /// How the scalar starting at `start` is written, from its first character.
    func scalarStyle(at start: Position) -> Node.Scalar.Style {
        guard start.line < lines.count, start.column < lines[start.line].count else { return .plain }
        switch lines[start.line][start.column] {
        case "\"": return .doubleQuoted
        case "'": return .singleQuoted
        case "|": return .literal
        case ">": return .folded
        default: return .plain
        }
    }

    /// Where the scalar that starts at `start` ends (one past its last character): a quoted
    /// one at its closing quote, a plain one before a comment or at the end of its last
    /// line, a block scalar (`|`, `>`) or a plain one going on to deeper lines at the end of
    /// its last line deeper than `parentIndent`. In brackets (`inFlow`), a plain scalar also
    /// ends at `,`, `]` or `}`.
    func end(ofScalarAt start: Position, style: Node.Scalar.Style, parentIndent: Int, inFlow: Bool = false) -> Position {
        switch style {
        case .doubleQuoted, .singleQuoted:
            let quote: Unicode.Scalar = style == .doubleQuoted ? "\"" : "'"
            var line = start.line, column = start.column + 1
            while line < lines.count {
                let text = lines[line]
                while column < text.count {
                    if style == .doubleQuoted && text[column] == "\\" { column += 2; continue }
                    if text[column] == quote {
                        if style == .singleQuoted && column + 1 < text.count && text[column + 1] == "'" { column += 2; continue }
                        return Position(line: line, column: column + 1)
                    }
                    column += 1
                }
                line += 1
                column = 0
            }
            return Position(line: lines.count - 1, column: lines.last?.count ?? 0)
        case .plain where inFlow:
            let text = lines[start.line]
            var column = start.column, end = start.column
            while column < text.count, !",]}".unicodeScalars.contains(text[column]),
                  !(text[column] == "#" && (text[column - 1] == " " || text[column - 1] == "\t")) {
                if text[column] != " " && text[column] != "\t" { end = column + 1 }
                column += 1
            }
            return Position(line: start.line, column: end)
        default:
            var last = start.line
            var next = start.line + 1
            while next < lines.count {
                if !lines[next].allSatisfy({ $0 == " " || $0 == "\t" }) {
                    // A line no deeper than the key ends the value; so does a comment a plain one.
                    if indent(next) <= parentIndent || (style == .plain && isBlankOrComment(next)) { break }
                    last = next
                }
                next += 1
            }
            let text = lines[last]
            var column = last == start.line ? start.column : 0
            var end = column
            while column < text.count {
                if style == .plain && text[column] == "#" && column > 0 && (text[column - 1] == " " || text[column - 1] == "\t") {
                    break
                }
                if text[column] != " " && text[column] != "\t" { end = column + 1 }
                column += 1
            }
            return Position(line: last, column: end)
        }
    }

    /// The closing bracket of the flow collection (`{…}` or `[…]`) that opens at `start`,
    /// quotes skipped.
    func closingBracket(ofFlowAt start: Position) -> Position? {
        var depth = 0
        var line = start.line, column = start.column
        var quote: Unicode.Scalar?
        while line < lines.count {
            let text = lines[line]
            while column < text.count {
                let character = text[column]
                if let open = quote {
                    if open == "\"" && character == "\\" { column += 2; continue }
                    if character == open { quote = nil }
                } else if character == "\"" || character == "'" {
                    quote = character
                } else if character == "#" && (column == 0 || text[column - 1] == " ") {
                    break
                } else if character == "{" || character == "[" {
                    depth += 1
                } else if character == "}" || character == "]" {
                    depth -= 1
                    if depth == 0 { return Position(line: line, column: column) }
                }
                column += 1
            }
            line += 1
            column = 0
        }
        return nil
    }

    /// Whether the flow collection opening at `start` holds nothing (`{}`, `[ ]`).
    func isEmptyFlow(at start: Position) -> Bool {
        guard let close = closingBracket(ofFlowAt: start) else { return false }
        return text(from: Position(line: start.line, column: start.column + 1), to: close)
            .allSatisfy { $0 == " " || $0 == "\n" }
    }

    private func text(from start: Position, to end: Position) -> String {
        var out = ""
        var position = start
        while position < end {
            if position.column >= lines[position.line].count {
                out += "\n"
                position = Position(line: position.line + 1, column: 0)
            } else {
                out.unicodeScalars.append(lines[position.line][position.column])
                position.column += 1
            }
        }
        return out
    }

    // MARK: - Edits

    /// Replaces the text from `start` up to `end` with `text`.
    mutating func replace(from start: Position, to end: Position, with text: String) {
        replacements.append((start, end, text))
    }

    /// Inserts `newLines` (without their ends) after `line`. Several insertions after one line
    /// go in the order of their `indent`, deepest first: the end of an inner block comes
    /// before the next key of the block around it.
    mutating func insert(_ newLines: [String], afterLine line: Int, indent: Int) {
        insertions.append((line, indent, newLines))
    }

    /// The edited text, made in one pass over the original.
    func result() -> String {
        enum Edit { case replace(end: Position, text: String), insert(lines: [String]) }
        var edits: [(start: Position, edit: Edit)] = replacements.map { ($0.start, .replace(end: $0.end, text: $0.text)) }
        for (line, group) in Dictionary(grouping: insertions, by: \.afterLine) {
            let ordered = group.enumerated().sorted { ($0.element.indent, $1.offset) > ($1.element.indent, $0.offset) }
            edits.append((Position(line: line, column: Int.max), .insert(lines: ordered.flatMap(\.element.lines))))
        }
        var out = String.UnicodeScalarView()
        var at = Position(line: 0, column: 0)
        /// Copies the original from `at` up to `end`.
        func copy(to end: Position) {
            while at.line < end.line {
                out.append(contentsOf: lines[at.line].dropFirst(at.column))
                out.append("\n")
                at = Position(line: at.line + 1, column: 0)
            }
            guard at.line < lines.count else { return }
            let stop = min(end.column, lines[at.line].count)
            if stop > at.column { out.append(contentsOf: lines[at.line][at.column..<stop]) }
            at.column = max(at.column, stop)
        }
        for (start, edit) in edits.sorted(by: { $0.start < $1.start }) {
            copy(to: start)
            switch edit {
            case let .replace(end, text):
                out.append(contentsOf: text.unicodeScalars)
                at = end
            case let .insert(newLines):
                for line in newLines {
                    out.append("\n")
                    out.append(contentsOf: line.unicodeScalars)
                }
            }
        }
        copy(to: Position(line: max(lines.count - 1, 0), column: Int.max))
        var text = String(out)
        if endsWithNewline { text += "\n" }
        return newline == "\n" ? text : text.replacingOccurrences(of: "\n", with: newline)
    }
}

/// Values written into YAML text: plain where YAML reads them back as the same string,
/// else double-quoted (JSON's escapes are YAML's).
enum YAMLScalarText {
    /// `value` as a scalar; `inFlow`, for a place in brackets, where `,` `[` `]` `{` `}` end a plain one.
    static func render(_ value: String, inFlow: Bool = false) -> String {
        if isPlainSafe(value) && !(inFlow && value.contains(where: { ",[]{}".contains($0) })) { return value }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    /// `[a, b]`, each item rendered for a flow sequence.
    static func renderList(_ values: [String]) -> String {
        "[" + values.map { render($0, inFlow: true) }.joined(separator: ", ") + "]"
    }

    /// Whether `key: value` reads back as the string `value`, on one line.
    private static func isPlainSafe(_ value: String) -> Bool {
        guard !value.isEmpty, !value.contains(where: \.isNewline), value == value.trimmingCharacters(in: .whitespaces),
              let node = try? Yams.compose(yaml: "k: \(value)\n"), case .mapping(let mapping) = node,
              let read = mapping.first?.value, case .scalar(let scalar) = read
        else { return false }
        return scalar.string == value && Tag.Name(rawValue: read.tag.description) == .str
    }
}

/// A problem found in the script, reported like a compiler does: `file:line:col: severity: message`.
///
/// The reader never throws on bad text; it returns a tree plus diagnostics.
public struct Diagnostic: Hashable, Sendable, Codable {
    /// How serious a diagnostic is.
    public enum Severity: String, Hashable, Sendable, Codable {
        case note, warning, error
    }

    public var severity: Severity
    public var message: String
    public var range: SourceRange
    /// An optional hint on how to fix the problem, printed on its own `note:` line.
    public var note: String?

    public init(_ severity: Severity, _ message: String, at range: SourceRange, note: String? = nil) {
        self.severity = severity
        self.message = message
        self.range = range
        self.note = note
    }

    /// The diagnostic as a compiler prints it, e.g. `film.fountain:12:3: error: bad duration`.
    /// A `note` follows on a second line at the same position.
    public func formatted(path: String) -> String {
        var text = "\(path):\(range.start.line):\(range.start.column): \(severity.rawValue): \(message)"
        if let note {
            text += "\n\(path):\(range.start.line):\(range.start.column): note: \(note)"
        }
        return text
    }
}

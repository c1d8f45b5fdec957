import Screenplay

/// Diagnostics as a compiler prints them, one `path:line:col: severity: message` a line,
/// followed by a count summary when there are any.
public enum DiagnosticReport {
    public static func render(_ diagnostics: [Diagnostic], path: String) -> String {
        guard !diagnostics.isEmpty else { return "" }
        var out = diagnostics.map { $0.formatted(path: path) + "\n" }.joined()
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        out += "\(count(errors, "error")), \(count(warnings, "warning")) in \(path)\n"
        return out
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}


/// Diagnostics as a compiler prints them, one `path:line:col: severity: message` a line,
/// followed by a count summary when there are any. At most `shownPerFile` are printed,
/// then how many more there are: a file of a million bad lines must not print a million
/// errors (the summary still counts them all).
public enum DiagnosticReport {
    /// How many diagnostics of one file are printed.
    public static let shownPerFile = 50

    public static func render(_ diagnostics: [Diagnostic], path: String) -> String {
        guard !diagnostics.isEmpty else { return "" }
        var out = diagnostics.prefix(shownPerFile).map { $0.formatted(path: path) + "\n" }.joined()
        if diagnostics.count > shownPerFile {
            out += "\(path): note: and \(diagnostics.count - shownPerFile) more not shown\n"
        }
        let errors = diagnostics.count { $0.severity == .error }
        let warnings = diagnostics.count { $0.severity == .warning }
        out += "\(count(errors, "error")), \(count(warnings, "warning")) in \(path)\n"
        return out
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}

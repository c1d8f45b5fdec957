import Foundation

/// Takes credentials out of a failure's text before the build shows it anywhere (the
/// progress display, the report, a failure card's pixels): backends redact the keys they
/// send, but a program's log can echo any variable of its environment.
enum SecretRedaction {
    /// Words that mark an environment variable as a credential (`DASHSCOPE_API_KEY`, `HF_TOKEN`).
    static let markers = ["KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL"]
    /// Values shorter than this are left alone: too common to be secrets, and replacing
    /// them would garble the text.
    static let shortestSecret = 8

    /// `text` with the value of every credential variable of `environment` replaced by `[redacted]`.
    static func redact(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let secrets = environment.compactMap { name, value in
            let upper = name.uppercased()
            return value.count >= shortestSecret && markers.contains(where: upper.contains) ? value : nil
        }
        // Longest first, so that a secret holding another is replaced whole.
        return secrets.sorted { $0.count > $1.count }.reduce(text) {
            $0.replacingOccurrences(of: $1, with: "[redacted]")
        }
    }
}

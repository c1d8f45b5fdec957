/// Keys that name a secret (`api_key`, `dashscope_api_key`, `token`, `password`…), which a
/// project file must not hold: it sits beside the script and is shared with it.
enum SecretKey {
    /// Where DashScope's key belongs.
    static let environmentVariable = "DASHSCOPE_API_KEY"

    private static let words: Set<String> = [
        "key", "apikey", "token", "password", "passwd", "passphrase", "secret", "credential", "credentials",
    ]

    /// Whether `key` names a secret: one of its words (split at `_`, `-` and case changes)
    /// is `key`, `token`, `password`, `secret`…
    static func looksSecret(_ key: String) -> Bool {
        var parts: [String] = []
        var word = ""
        var previousIsLowercase = false
        for character in key {
            if "_-. ".contains(character) || (character.isUppercase && previousIsLowercase) {
                if !word.isEmpty { parts.append(word) }
                word = ""
            }
            if !"_-. ".contains(character) { word += character.lowercased() }
            previousIsLowercase = character.isLowercase
        }
        if !word.isEmpty { parts.append(word) }
        return parts.contains(where: words.contains)
    }
}

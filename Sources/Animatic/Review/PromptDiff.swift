import Planning

/// A text model's revised prompt as revise fields: the clauses of the old prompt the new
/// one drops become `prompt_remove`, the clauses it adds become `prompt_add`, so the
/// revision stays in the review file's terms and applies over whatever the script plans.
enum PromptDiff {
    static func revision(from old: String, to new: String, language: PromptLanguage) -> NoteRevision {
        let before = clauses(old), after = clauses(new)
        let kept = Set(before.map(normal)), made = Set(after.map(normal))
        var revision = NoteRevision()
        revision.promptRemove = before.filter { !made.contains(normal($0)) }
        let added = after.filter { !kept.contains(normal($0)) }
        revision.promptAdd = added.joined(separator: language == .chinese ? "，" : ", ").nilIfEmpty
        return revision
    }

    /// The prompt's clauses, between commas, semicolons and full stops.
    static func clauses(_ text: String) -> [String] {
        var seen: Set<String> = []
        return text.split(whereSeparator: { ",.;!?，。；！？".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && seen.insert(normal($0)).inserted }
    }

    private static func normal(_ clause: String) -> String {
        clause.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

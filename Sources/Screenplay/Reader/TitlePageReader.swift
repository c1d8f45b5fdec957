/// Reads the title page: `Key: value` lines at the very top, values continued on lines
/// indented by three spaces or a tab, ending at the first blank line. A first line like
/// `FADE IN:` — a key with no value and nothing indented under it — is not a title page.
enum TitlePageReader {
    /// The entries and the index of the first body line.
    static func read(_ table: LineTable, _ source: SourceText) -> (entries: [TitlePageEntry], bodyStart: Int) {
        let lines = table.lines
        guard let first = lines.first, let firstKey = keyValue(table.text(first)) else { return ([], 0) }
        let continued = lines.count > 1 && isIndented(table.text(lines[1])) && !lines[1].isBlank
        guard !firstKey.value.isEmpty || continued else { return ([], 0) }

        var entries: [TitlePageEntry] = []
        var index = 0
        while index < lines.count && !lines[index].isBlank {
            let line = lines[index]
            defer { index += 1 }
            if line.isNoteOnly { continue }
            let end = source.location(line.contentEnd)
            let text = table.text(line)
            if !isIndented(text), let (key, value) = keyValue(text) {
                let values = value.isEmpty ? [] : [EmphasisParser.parse(value)]
                entries.append(TitlePageEntry(key: key, values: values,
                                              range: SourceRange(start: source.location(line.contentStart), end: end)))
            } else if !entries.isEmpty {
                entries[entries.count - 1].values.append(EmphasisParser.parse(table.trimmed(line)))
                entries[entries.count - 1].range.end = end
            }
        }
        return (entries, index)
    }

    /// `Key: value` with a key of letters, digits, spaces, `-`, `_` or `.`, starting with a letter.
    private static func keyValue(_ text: String) -> (key: String, value: Substring)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon]
        guard let first = key.first, first.isLetter,
              key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" || $0 == "_" || $0 == "." })
        else { return nil }
        return (String(key.trimmingBlanks()), text[text.index(after: colon)...].trimmingBlanks())
    }

    private static func isIndented(_ text: String) -> Bool {
        text.hasPrefix("\t") || text.hasPrefix("   ")
    }
}

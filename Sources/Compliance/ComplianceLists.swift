import Foundation
import Planning

/// The names and terms prompts are checked against: the lists shipped in the repository
/// (`Data/`: public figures, sensitive terms in English and Chinese by category) plus the
/// user's own names and brands.
public struct ComplianceLists: Sendable, Hashable {
    /// A name to find, what stands in for it under `rewrite`, and its category.
    public struct Entry: Sendable, Hashable {
        public var text: String
        /// The neutral description that replaces the name (`a man in his fifties`); empty
        /// for a sensitive term.
        public var replacement: String
        public var category: ComplianceCategory

        public init(text: String, replacement: String, category: ComplianceCategory) {
            self.text = text
            self.replacement = replacement
            self.category = category
        }
    }

    /// Every entry.
    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The lists shipped with animatic.
    /// - Throws: `ComplianceListError` when a shipped list is missing or malformed (a broken install).
    public static func shipped() throws(ComplianceListError) -> ComplianceLists {
        var entries: [Entry] = []
        for (name, defaultCategory) in [("public-figures", ComplianceCategory.publicFigures), ("sensitive-terms", nil)] {
            guard let url = Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Data"),
                let data = FileManager.default.contents(atPath: url.path)
            else { throw ComplianceListError(file: "\(name).tsv", line: 0, message: "the shipped list is missing") }
            entries += try parse(String(decoding: data, as: UTF8.self), file: name + ".tsv", category: defaultCategory)
        }
        return ComplianceLists(entries: entries)
    }

    /// Reads a list: one entry a line, `#` comments and blank lines skipped. With
    /// `category` given (a names or brands list), a line is `name` or `name<TAB>replacement`;
    /// without, `category<TAB>term` (the sensitive terms).
    public static func parse(_ text: String, file: String, category: ComplianceCategory?)
        throws(ComplianceListError) -> [Entry]
    {
        var entries: [Entry] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if let category {
                let replacement = fields.count > 1 && !fields[1].isEmpty
                    ? fields[1] : category == .brands ? "an unbranded product" : "a person"
                entries.append(Entry(text: fields[0], replacement: replacement, category: category))
            } else {
                guard fields.count == 2, let found = ComplianceCategory(rawValue: fields[0]), !found.rewritable,
                    !fields[1].isEmpty
                else {
                    throw ComplianceListError(
                        file: file, line: index + 1,
                        message: "expected a sensitive category and a term separated by a tab, not '\(line)'")
                }
                entries.append(Entry(text: fields[1], replacement: "", category: found))
            }
        }
        return entries
    }
}

/// A compliance list that cannot be read.
public struct ComplianceListError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

import Foundation
import Planning
import Screenplay

/// Reads a review file's tree (the project file's `ConfigNode`, with its marks) into a
/// `Review`, collecting every error: unknown keys (with a did-you-mean), wrong types and
/// bad values, each at its line and column.
package struct ReviewDecoding {
    var review = Review()
    var errors: [ConfigError] = []

    static let topKeys = ["shots"]
    static let entryKeys = ["pick", "status", "notes", "revise"]
    static let noteKeys = ["text", "by", "at", "applied"]
    package static let reviseKeys = ["prompt_add", "prompt_remove", "negative_add", "size", "move", "angle", "duration", "seed",
                             "style"]

    mutating func read(_ root: ConfigNode) {
        for entry in table(root, named: "the review file", keys: Self.topKeys) {
            guard case .table(let shots) = entry.value.value else {
                errors.append(ValueReader<Any>.mismatch(entry.value, "shots", "a table of shot IDs"))
                continue
            }
            // A shot named twice is YAML's duplicate-key error, reported by the reader.
            for shot in shots {
                guard !shot.key.isEmpty, !shot.key.contains(where: \.isWhitespace) else {
                    errors.append(ConfigError("'\(shot.key)' is not a shot ID", at: shot.keyLocation,
                                              note: "shot IDs are as `animatic plan` prints them: 1A, 2K, 12A.B"))
                    continue
                }
                review.entries.append(readEntry(shot))
            }
        }
    }

    private mutating func readEntry(_ shot: ConfigEntry) -> ReviewEntry {
        var entry = ReviewEntry(shotID: ShotID(shot.key), location: shot.keyLocation)
        if case .null = shot.value.value { return entry }
        for field in table(shot.value, named: "shot \(shot.key)", keys: Self.entryKeys) {
            let path = "shots.\(shot.key).\(field.key)"
            switch field.key {
            case "pick":
                entry.pick = value(field.value, path, .integer(in: 1...100))
                entry.pickLocation = field.value.location
            case "status": entry.status = value(field.value, path, .choice)
            case "notes":
                guard case .array(let items) = field.value.value else {
                    errors.append(ValueReader<Any>.mismatch(field.value, path, "a list of notes"))
                    continue
                }
                entry.notes = items.enumerated().compactMap { readNote($1, "\(path)[\($0)]") }
            default:
                readRevision(field.value, "shots.\(shot.key).revise", into: &entry.revision)
            }
        }
        return entry
    }

    private mutating func readNote(_ node: ConfigNode, _ path: String) -> ReviewNote? {
        guard case .table = node.value else {
            errors.append(ConfigError("'\(path)' must be a table with a 'text', not \(node.kindName)", at: node.location,
                                      note: "write a note as `- text: Her entrance is too abrupt`"))
            return nil
        }
        var text: (String, SourceLocation)?
        var hasText = false
        var note = ReviewNote(text: "", location: node.location, textLocation: node.location)
        for field in table(node, named: "'\(path)'", keys: Self.noteKeys) {
            let key = "\(path).\(field.key)"
            switch field.key {
            case "text":
                hasText = true
                if let value = value(field.value, key, .nonEmpty) { text = (value, field.value.location) }
            case "by": note.by = value(field.value, key, .nonEmpty)
            case "at": note.at = value(field.value, key, .timestamp)
            default: note.applied = value(field.value, key, .bool) ?? false
            }
        }
        guard let text else {
            if !hasText { errors.append(ConfigError("'\(path)' has no 'text'", at: node.location, note: "a note needs its text")) }
            return nil
        }
        (note.text, note.textLocation) = text
        return note
    }

    private mutating func readRevision(_ node: ConfigNode, _ path: String, into revision: inout ShotRevision) {
        for field in table(node, named: "'\(path)'", keys: Self.reviseKeys) {
            let key = "\(path).\(field.key)"
            let at = field.value.location
            switch field.key {
            case "prompt_add": revision.promptAdd = value(field.value, key, .nonEmpty).map { Revised($0, at: at) }
            case "prompt_remove": revision.promptRemove = value(field.value, key, .phrases).map { Revised($0, at: at) }
            case "negative_add": revision.negativeAdd = value(field.value, key, .nonEmpty).map { Revised($0, at: at) }
            case "size": revision.size = value(field.value, key, .term(ShotSize.init(term:), "a shot size such as MS, CU or WS"))
                .map { Revised($0, at: at) }
            case "move": revision.move = value(field.value, key, .term(CameraMove.init(term:), "a camera move such as static, dolly in or pan"))
                .map { Revised($0, at: at) }
            case "angle": revision.angle = value(field.value, key, .term(CameraAngle.init(term:), "a camera angle such as low, high or eye level"))
                .map { Revised($0, at: at) }
            case "duration": revision.duration = value(field.value, key, .duration).map { Revised($0, at: at) }
            case "seed": revision.seed = value(field.value, key, .integer(in: SettingLimits.seed)).map { Revised($0, at: at) }
            default: revision.style = value(field.value, key, .nonEmpty).map { Revised($0, at: at) }
            }
        }
    }

    /// The entries of `node` whose keys are in `keys`, after an error for every other key
    /// and every key without a value; none, after an error, when `node` is not a table.
    private mutating func table(_ node: ConfigNode, named name: String, keys: [String]) -> [ConfigEntry] {
        guard case .table(let entries) = node.value else {
            errors.append(ConfigError("\(name) must be a table of keys, not \(node.kindName)", at: node.location,
                                      note: "valid keys: \(keys.joined(separator: ", "))"))
            return []
        }
        return entries.filter { entry in
            guard keys.contains(entry.key) else {
                let note = KeySuggestion.closest(to: entry.key, among: keys).map { "did you mean '\($0)'?" }
                    ?? "valid keys: \(keys.joined(separator: ", "))"
                errors.append(ConfigError("unknown key '\(entry.key)' in \(name)", at: entry.keyLocation, note: note))
                return false
            }
            if case .null = entry.value.value {
                errors.append(ConfigError("'\(entry.key)' has no value", at: entry.value.location,
                                          note: "give it a value or remove the key"))
                return false
            }
            return true
        }
    }

    private mutating func value<Value>(_ node: ConfigNode, _ key: String, _ reader: ValueReader<Value>) -> Value? {
        do throws(ConfigError) {
            return try reader.read(node, key, URL(fileURLWithPath: "/"))
        } catch {
            errors.append(error)
            return nil
        }
    }
}

extension ValueReader where Value == String {
    /// A string with something in it.
    static var nonEmpty: Self {
        Self { node, key, directory throws(ConfigError) in
            let text = try ValueReader<String>.string.read(node, key, directory).trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { throw ConfigError("'\(key)' is empty", at: node.location) }
            return text
        }
    }

    /// An ISO 8601 date, or date and time: `2026-12-07`, `2026-12-07T10:00Z`.
    static var timestamp: Self {
        Self { node, key, directory throws(ConfigError) in
            let text = try ValueReader<String>.string.read(node, key, directory)
            guard text.wholeMatch(of: /\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)? ?([Zz]|[+-]\d{2}(:?\d{2})?)?)?/) != nil
            else {
                throw ConfigError("'\(key)' must be a date or a date and time such as 2026-12-07T10:00Z, not '\(text)'",
                                  at: node.location)
            }
            return text
        }
    }

}

extension ValueReader {
    /// A camera term `parse` reads; `expected` says what one looks like.
    static func term(_ parse: @escaping @Sendable (String) -> Value?, _ expected: String) -> Self {
        Self { node, key, directory throws(ConfigError) in
            let text = try ValueReader<String>.string.read(node, key, directory)
            guard let term = parse(text) else { throw ConfigError("'\(key)' must be \(expected), not '\(text)'", at: node.location) }
            return term
        }
    }
}

extension ValueReader where Value == [String] {
    /// One phrase, or a list of them.
    static var phrases: Self {
        Self { node, key, directory throws(ConfigError) in
            if case .string = node.value { return [try ValueReader<String>.nonEmpty.read(node, key, directory)] }
            guard case .array = node.value else { throw mismatch(node, key, "a phrase or a list of phrases") }
            let phrases = try ValueReader<[String]>.list(of: .nonEmpty).read(node, key, directory)
            guard !phrases.isEmpty else { throw ConfigError("'\(key)' is an empty list", at: node.location) }
            return phrases
        }
    }
}

extension ValueReader where Value == ShotDuration {
    /// `4s`, `2.5s`, `72f`, or a number of seconds.
    static var duration: Self {
        Self { node, key, directory throws(ConfigError) in
            let expected = "a duration such as 4s, 2.5s or 72f"
            switch node.value {
            case .integer(let seconds) where seconds > 0 && seconds <= 600: return .milliseconds(seconds * 1000)
            case .float(let seconds) where seconds > 0 && seconds <= 600: return .milliseconds(Int((seconds * 1000).rounded()))
            case .string(let text):
                guard let duration = ShotDuration(text: text) else {
                    throw ConfigError("'\(key)' must be \(expected), not '\(text)'", at: node.location)
                }
                return duration
            default:
                throw ConfigError("'\(key)' must be \(expected)", at: node.location)
            }
        }
    }
}

import Foundation
import Planning
import Yams

/// What `--apply-notes` changes in one shot's entry: revise fields to set (their whole new
/// values) and notes to mark applied.
struct ReviewChange: Sendable {
    /// A revise field's new value.
    enum Value: Sendable, Equatable {
        case text(String)
        case list([String])
    }

    var shotID: ShotID
    /// Fields in the order they are written when new.
    var fields: [(key: String, value: Value)] = []
    /// Indexes into the entry's `notes`.
    var appliedNotes: [Int] = []
    /// The take to pick, when it changes.
    var pick: Int?
    /// The shot's new status, when it changes.
    var status: ReviewStatus?
    /// Notes to add after the entry's own, in order.
    var newNotes: [NewNote] = []

    /// A note added to the file: its text, who wrote it and when, when known.
    struct NewNote: Sendable, Equatable {
        var text: String
        var by: String?
        var at: String? = nil
    }
}

/// Writes `ReviewChange`s into a review file's text at its nodes' marks (`YAMLTextEdit`):
/// a changed value replaced where it stands, a new key added after the last line of its
/// table at that table's indentation, `applied: true` added to each note, and a `revise`
/// table added to an entry that has none; a pick set, notes added after the entry's own,
/// and an entry added for a shot the file does not name yet. Comments, blank lines, order
/// and quoting stay.
enum ReviewWriter {
    /// The text with `changes` made.
    /// - Throws: `AnimaticError` `.internalFailure` when the text does not have the shape
    ///   the changes were made for (it was read without errors just before).
    static func apply(_ changes: [ReviewChange], to text: String) throws(AnimaticError) -> String {
        var edit = YAMLTextEdit(text)
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw AnimaticError(.internalFailure, "the review file no longer reads as YAML: \(error)")
        }
        guard let shotsPair = root?.mapping?.first(where: { $0.key.string == "shots" }),
              case .mapping(let shots) = shotsPair.value
        else { throw AnimaticError(.internalFailure, "the review file has no shots table") }
        let entries = Dictionary(shots.map { ($0.key.string ?? "", $0) }) { first, _ in first }
        var newEntries: [ReviewChange] = []
        for change in changes {
            guard let pair = entries[change.shotID.rawValue] else {
                newEntries.append(change)
                continue
            }
            guard case .mapping(let entry) = pair.value else {
                throw AnimaticError(.internalFailure, "the review file has no table for shot \(change.shotID)")
            }
            let shotIndent = YAMLTextEdit.position(pair.key.mark).column
            try markApplied(change.appliedNotes, in: entry, edit: &edit)
            var settings: [(key: String, value: ReviewChange.Value)] = []
            if let pick = change.pick { settings.append(("pick", .text(String(pick)))) }
            if let status = change.status { settings.append(("status", .text(status.rawValue))) }
            if !settings.isEmpty { try setFields(settings, in: entry, edit: &edit, literal: true) }
            try addNotes(change.newNotes, to: entry, shotIndent: shotIndent, edit: &edit)
            guard !change.fields.isEmpty else { continue }
            if let revise = entry.first(where: { $0.key.string == "revise" }) {
                guard case .mapping(let table) = revise.value else {
                    throw AnimaticError(.internalFailure, "shot \(change.shotID)'s revise is not a table")
                }
                try setFields(change.fields, in: table, edit: &edit)
            } else {
                addRevise(change.fields, to: entry, shotIndent: shotIndent, edit: &edit)
            }
        }
        try addEntries(newEntries, to: shots, edit: &edit)
        return edit.result()
    }

    /// Reads an edited text back: it must have no errors, and say each change.
    /// - Throws: `AnimaticError` `.internalFailure` naming what does not read back.
    static func verify(_ text: String, changes: [ReviewChange], url: URL, displayPath: String) throws(AnimaticError) {
        let reread = ReviewFile.parse(Data(text.utf8), url: url, displayPath: displayPath)
        let entries = Dictionary(reread.review.entries.map { ($0.shotID, $0) }) { first, _ in first }
        let problem: String? = {
            if let error = reread.diagnostics.first(where: { $0.severity == .error }) { return error.formatted(path: displayPath) }
            for change in changes {
                guard let entry = entries[change.shotID] else { return "shot \(change.shotID) is missing" }
                if let pick = change.pick, entry.pick != pick { return "\(change.shotID)'s pick reads back as something else" }
                if let status = change.status, entry.status != status {
                    return "\(change.shotID)'s status reads back as something else"
                }
                let texts = entry.notes.map(\.text)
                if change.newNotes.contains(where: { !texts.contains($0.text) }) { return "a note of \(change.shotID) is missing" }
                let written = PendingRevision(entry.revision)
                for field in change.fields where written.value(of: field.key) != field.value {
                    return "\(change.shotID)'s \(field.key) reads back as something else"
                }
            }
            return nil
        }()
        if let problem {
            throw AnimaticError(.internalFailure, "editing \(displayPath) went wrong (\(problem)); nothing written")
        }
    }

    /// The text of a new review file holding `changes`.
    static func newFile(_ changes: [ReviewChange]) -> String {
        (["shots:"] + changes.flatMap { entryLines($0, indent: 2, step: 2) }).joined(separator: "\n") + "\n"
    }

    /// Entries for shots the file does not name, after the last of `shots` (in braces when
    /// it is written in braces).
    private static func addEntries(_ changes: [ReviewChange], to shots: Node.Mapping, edit: inout YAMLTextEdit) throws(AnimaticError) {
        guard !changes.isEmpty else { return }
        let start = YAMLTextEdit.position(shots.mark)
        if edit.isFlow(at: start) {
            guard let close = edit.closingBracket(ofFlowAt: start) else {
                throw AnimaticError(.internalFailure, "the shots table in braces does not close")
            }
            let items = changes.map { "\(YAMLScalarText.render($0.shotID.rawValue, inFlow: true)): \(flowEntry($0))" }.joined(separator: ", ")
            edit.replace(from: close, to: close, with: (edit.isEmptyFlow(at: start) ? "" : ", ") + items)
            return
        }
        // The file's own indentation step, from its first entry written as a block.
        let steps = shots.compactMap { pair -> Int? in
            guard case .mapping(let entry) = pair.value, !edit.isFlow(at: YAMLTextEdit.position(entry.mark)) else { return nil }
            let inner = YAMLTextEdit.position(entry.mark).column - YAMLTextEdit.position(pair.key.mark).column
            return inner > 0 ? inner : nil
        }
        let step = steps.first ?? 2
        edit.insert(changes.flatMap { entryLines($0, indent: start.column, step: step) },
                    afterLine: edit.lastLine(ofBlockFrom: start.line, indent: start.column), indent: start.column)
    }

    /// A new entry as block lines: pick, status, notes, revise (the schema's order).
    private static func entryLines(_ change: ReviewChange, indent: Int, step: Int) -> [String] {
        let pad = String(repeating: " ", count: indent + step)
        var lines = [String(repeating: " ", count: indent) + YAMLScalarText.render(change.shotID.rawValue) + ":"]
        if let pick = change.pick { lines.append(pad + "pick: \(pick)") }
        if let status = change.status { lines.append(pad + "status: \(status.rawValue)") }
        if !change.newNotes.isEmpty {
            lines.append(pad + "notes:")
            lines += noteLines(change.newNotes, indent: indent + step + 2)
        }
        if !change.fields.isEmpty {
            lines.append(pad + "revise:")
            lines += change.fields.map { pad + String(repeating: " ", count: step) + "\($0.key): \(render($0.value, literal: false))" }
        }
        return lines
    }

    /// A new entry in braces.
    private static func flowEntry(_ change: ReviewChange) -> String {
        var items: [String] = []
        if let pick = change.pick { items.append("pick: \(pick)") }
        if let status = change.status { items.append("status: \(status.rawValue)") }
        if !change.newNotes.isEmpty { items.append("notes: [\(change.newNotes.map(flowNote).joined(separator: ", "))]") }
        if !change.fields.isEmpty {
            items.append("revise: {" + change.fields.map { "\($0.key): \(render($0.value, literal: false, inFlow: true))" }
                .joined(separator: ", ") + "}")
        }
        return "{" + items.joined(separator: ", ") + "}"
    }

    /// `- text: …` / `  by: …` / `  at: …` at `indent`.
    private static func noteLines(_ notes: [ReviewChange.NewNote], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        return notes.flatMap { note in
            [pad + "- text: " + YAMLScalarText.render(note.text)] + noteFields(note, inFlow: false).map { pad + "  \($0.key): \($0.value)" }
        }
    }

    private static func flowNote(_ note: ReviewChange.NewNote) -> String {
        "{" + ([("text", YAMLScalarText.render(note.text, inFlow: true))] + noteFields(note, inFlow: true))
            .map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
    }

    /// A new note's `by` and `at` as written, those it has. `at` is written plain, as the
    /// schema's examples are (`2026-12-07T10:00Z`): YAML would read it as a timestamp, and
    /// quoting it would say nothing more.
    private static func noteFields(_ note: ReviewChange.NewNote, inFlow: Bool) -> [(key: String, value: String)] {
        [note.by.map { ("by", YAMLScalarText.render($0, inFlow: inFlow)) }, note.at.map { ("at", $0) }].compactMap { $0 }
    }

    /// Notes added after an entry's own: items after a block list's last, before a bracketed
    /// list's end, or a new `notes` key.
    private static func addNotes(
        _ notes: [ReviewChange.NewNote], to entry: Node.Mapping, shotIndent: Int, edit: inout YAMLTextEdit
    ) throws(AnimaticError) {
        guard !notes.isEmpty else { return }
        let entryStart = YAMLTextEdit.position(entry.mark)
        let entryInFlow = edit.isFlow(at: entryStart)
        guard let pair = entry.first(where: { $0.key.string == "notes" }) else {
            if entryInFlow, let close = edit.closingBracket(ofFlowAt: entryStart) {
                let items = "notes: [" + notes.map(flowNote).joined(separator: ", ") + "]"
                edit.replace(from: close, to: close, with: (edit.isEmptyFlow(at: entryStart) ? "" : ", ") + items)
            } else {
                let pad = String(repeating: " ", count: entryStart.column)
                edit.insert([pad + "notes:"] + noteLines(notes, indent: entryStart.column + 2),
                            afterLine: edit.lastLine(ofBlockFrom: entryStart.line, indent: entryStart.column), indent: entryStart.column)
            }
            return
        }
        guard case .sequence = pair.value else { throw AnimaticError(.internalFailure, "a shot's notes are not a list") }
        let start = YAMLTextEdit.position(pair.value.mark)
        if edit.isFlow(at: start) {
            guard let close = edit.closingBracket(ofFlowAt: start) else {
                throw AnimaticError(.internalFailure, "a list in brackets does not close")
            }
            edit.replace(from: close, to: close,
                         with: (edit.isEmptyFlow(at: start) ? "" : ", ") + notes.map(flowNote).joined(separator: ", "))
        } else {
            edit.insert(noteLines(notes, indent: start.column),
                        afterLine: edit.lastLine(ofBlockFrom: start.line, indent: start.column, sequence: true), indent: start.column)
        }
    }

    private static func markApplied(_ indexes: [Int], in entry: Node.Mapping, edit: inout YAMLTextEdit) throws(AnimaticError) {
        guard !indexes.isEmpty else { return }
        guard case .sequence(let notes)? = entry.first(where: { $0.key.string == "notes" })?.value else {
            throw AnimaticError(.internalFailure, "a shot's notes are not a list")
        }
        for index in indexes {
            guard index < notes.count, case .mapping(let note) = notes[index] else {
                throw AnimaticError(.internalFailure, "note \(index + 1) is not a table")
            }
            try setFields([("applied", .text("true"))], in: note, edit: &edit, literal: true)
        }
    }

    /// Sets each field of a table: replaces the values of keys it has, adds the others.
    private static func setFields(
        _ fields: [(key: String, value: ReviewChange.Value)], in table: Node.Mapping, edit: inout YAMLTextEdit,
        literal: Bool = false
    ) throws(AnimaticError) {
        var missing: [(key: String, value: ReviewChange.Value)] = []
        let start = YAMLTextEdit.position(table.mark)
        let inFlow = edit.isFlow(at: start)
        for field in fields {
            guard let pair = table.first(where: { $0.key.string == field.key }) else {
                missing.append(field)
                continue
            }
            let keyIndent = edit.indent(YAMLTextEdit.position(pair.key.mark).line)
            try replaceValue(pair.value, with: field.value, keyIndent: keyIndent, inFlow: inFlow, edit: &edit, literal: literal)
        }
        guard !missing.isEmpty else { return }
        if inFlow {
            guard let close = edit.closingBracket(ofFlowAt: start) else {
                throw AnimaticError(.internalFailure, "a table in braces does not close")
            }
            let items = missing.map { "\($0.key): \(render($0.value, literal: literal, inFlow: true))" }.joined(separator: ", ")
            edit.replace(from: close, to: close, with: (edit.isEmptyFlow(at: start) ? "" : ", ") + items)
        } else {
            let pad = String(repeating: " ", count: start.column)
            edit.insert(missing.map { pad + "\($0.key): \(render($0.value, literal: literal))" },
                        afterLine: edit.lastLine(ofBlockFrom: start.line, indent: start.column), indent: start.column)
        }
    }

    private static func replaceValue(
        _ node: Node, with value: ReviewChange.Value, keyIndent: Int, inFlow: Bool, edit: inout YAMLTextEdit, literal: Bool
    ) throws(AnimaticError) {
        let start = YAMLTextEdit.position(node.mark)
        switch node {
        case .scalar:
            let end = edit.end(ofScalarAt: start, style: edit.scalarStyle(at: start), parentIndent: keyIndent, inFlow: inFlow)
            edit.replace(from: start, to: end, with: render(value, literal: literal, inFlow: inFlow))
        case .sequence(let sequence):
            guard case .list(let items) = value else { throw AnimaticError(.internalFailure, "a list where text was expected") }
            if edit.isFlow(at: start) {
                guard let close = edit.closingBracket(ofFlowAt: start) else {
                    throw AnimaticError(.internalFailure, "a list in brackets does not close")
                }
                edit.replace(from: start, to: YAMLTextEdit.Position(line: close.line, column: close.column + 1),
                             with: YAMLScalarText.renderList(items))
            } else {
                // A block list keeps its items and their comments; the new ones go after them.
                let present = Set(sequence.compactMap(\.string))
                let pad = String(repeating: " ", count: start.column)
                edit.insert(items.filter { !present.contains($0) }.map { pad + "- " + YAMLScalarText.render($0) },
                            afterLine: edit.lastLine(ofBlockFrom: start.line, indent: start.column, sequence: true),
                            indent: start.column)
            }
        default:
            throw AnimaticError(.internalFailure, "a value that is neither text nor a list")
        }
    }

    /// A `revise:` table for an entry without one: in braces for an entry in braces, else
    /// a block after the entry's last line, indented one step deeper than its keys.
    private static func addRevise(
        _ fields: [(key: String, value: ReviewChange.Value)], to entry: Node.Mapping, shotIndent: Int,
        edit: inout YAMLTextEdit
    ) {
        let start = YAMLTextEdit.position(entry.mark)
        if edit.isFlow(at: start), let close = edit.closingBracket(ofFlowAt: start) {
            let items = fields.map { "\($0.key): \(render($0.value, literal: false, inFlow: true))" }.joined(separator: ", ")
            edit.replace(from: close, to: close, with: (edit.isEmptyFlow(at: start) ? "" : ", ") + "revise: {\(items)}")
            return
        }
        let step = start.column > shotIndent ? start.column - shotIndent : 2
        let pad = String(repeating: " ", count: start.column)
        let inner = String(repeating: " ", count: start.column + step)
        edit.insert([pad + "revise:"] + fields.map { inner + "\($0.key): \(render($0.value, literal: false))" },
                    afterLine: edit.lastLine(ofBlockFrom: start.line, indent: start.column), indent: start.column)
    }

    private static func render(_ value: ReviewChange.Value, literal: Bool, inFlow: Bool = false) -> String {
        switch value {
        case .text(let text): literal ? text : YAMLScalarText.render(text, inFlow: inFlow)
        case .list(let items): YAMLScalarText.renderList(items)
        }
    }
}

import Foundation
import Yams

/// What `--apply-notes` changes in one shot's entry: revise fields to set (their whole new
/// values) and notes to mark applied.
struct ReviewChange: Sendable {
    /// A revise field's new value.
    enum Value: Sendable, Equatable {
        case text(String)
        case list([String])
    }

    var shotID: String
    /// Fields in the order they are written when new.
    var fields: [(key: String, value: Value)] = []
    /// Indexes into the entry's `notes`.
    var appliedNotes: [Int] = []
}

/// Writes `ReviewChange`s into a review file's text at its nodes' marks (`YAMLTextEdit`):
/// a changed value replaced where it stands, a new key added after the last line of its
/// table at that table's indentation, `applied: true` added to each note, and a `revise`
/// table added to an entry that has none. Comments, blank lines, order and quoting stay.
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
        for change in changes {
            guard let pair = entries[change.shotID], case .mapping(let entry) = pair.value else {
                throw AnimaticError(.internalFailure, "the review file has no table for shot \(change.shotID)")
            }
            let shotIndent = YAMLTextEdit.position(pair.key.mark).column
            try markApplied(change.appliedNotes, in: entry, edit: &edit)
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
        return edit.result()
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

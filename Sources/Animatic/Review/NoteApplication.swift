import Foundation
import Generation
import Planning
import Screenplay

/// `animatic review --apply-notes`: each note not yet applied becomes a revision of its
/// shot — by the rule table (`NoteRules`), or by a text model (`PromptReviser`) whose
/// revised prompt becomes prompt_add and prompt_remove (`PromptDiff`) — written into the
/// review file at its marks (`ReviewWriter`), the note marked `applied: true`. The file is
/// written atomically, only when it still holds what was read, and only after the edited
/// text has been read back and found to say exactly what was meant.
public struct NoteApplication: Sendable {
    public var file: ReviewFile
    /// The plan with the file's revisions so far: what the notes are read against.
    public var plan: Plan
    /// The text model, when one is configured; else the rule table.
    public var reviser: (any PromptReviser)?

    public init(file: ReviewFile, plan: Plan, reviser: (any PromptReviser)?) {
        self.file = file
        self.plan = plan
        self.reviser = reviser
    }

    /// What a run did.
    public struct Outcome: Sendable {
        /// Warnings at the review file's lines: notes no rule reads, entries for shots not in the plan.
        public var diagnostics: [Diagnostic]
        /// A line per note applied and a total, for standard output.
        public var summary: String
        /// The notes applied.
        public var applied: Int
    }

    /// Applies the notes and writes the file when any was applied.
    /// - Throws: `AnimaticError`: `.unavailable` when the reviser fails, `.cannotCreate`
    ///   when the file cannot be written or changed meanwhile; or `CancellationError`.
    public func run() async throws -> Outcome {
        let shots = Dictionary(plan.shots.map { ($0.id, $0) }) { first, _ in first }
        var diagnostics = file.staleEntries(in: plan)
        var changes: [ReviewChange] = []
        var lines: [String] = []
        var applied = 0
        for entry in file.review.entries {
            guard let shot = shots[entry.shotID] else { continue }
            let pending = entry.notes.enumerated().filter { !$0.element.applied }
            guard !pending.isEmpty else { continue }
            var state = ShotState(shot, plan: plan)
            var revision = PendingRevision(entry.revision)
            var change = ReviewChange(shotID: entry.shotID)
            for (index, note) in pending {
                let made: NoteRevision
                if let reviser {
                    made = try await revised(note, state: state, with: reviser)
                } else {
                    let read = NoteRules.revision(for: note.text, shot: state)
                    guard let revision = read.revision else {
                        diagnostics.append(Diagnostic(
                            .warning,
                            read.refusals.isEmpty
                                ? "no rule reads this note; it is left unapplied"
                                : "the note cannot be applied: " + read.refusals.joined(separator: "; "),
                            at: SourceRange(start: note.textLocation, end: note.textLocation),
                            note: read.refusals.isEmpty ? "reword it (docs/review.md lists the rules), or use --reviser" : nil))
                        continue
                    }
                    made = revision
                }
                revision.add(made, language: plan.promptLanguage)
                state.apply(made)
                change.appliedNotes.append(index)
                lines.append("\(entry.shotID): \"\(note.text)\" → \(Self.describe(made))")
                applied += 1
            }
            change.fields = revision.changedFields
            if !change.appliedNotes.isEmpty { changes.append(change) }
        }
        guard !changes.isEmpty else {
            return Outcome(diagnostics: diagnostics, summary: "no notes to apply in \(file.displayPath)", applied: 0)
        }
        let text = try ReviewWriter.apply(changes, to: file.text)
        try verify(text, changes: changes)
        guard FileManager.default.contents(atPath: file.url.path) == Data(file.text.utf8) else {
            throw AnimaticError(.cannotCreate, "\(file.displayPath) changed while its notes were applied; nothing written, run again")
        }
        try AtomicFile.write(Data(text.utf8), to: file.url)
        let shotCount = changes.count
        lines.append("applied \(applied) note\(applied == 1 ? "" : "s") to \(shotCount) shot\(shotCount == 1 ? "" : "s") in \(file.displayPath)")
        return Outcome(diagnostics: diagnostics, summary: lines.joined(separator: "\n"), applied: applied)
    }

    private func revised(_ note: ReviewNote, state: ShotState, with reviser: any PromptReviser) async throws -> NoteRevision {
        let request = RevisionRequest(shot: state.id, note: note.text, prompt: state.prompt, language: plan.promptLanguage.rawValue)
        let answer: String
        do {
            answer = try await reviser.revise(request)
        } catch let error as BackendError {
            throw AnimaticError(.unavailable, SecretRedaction.redact("\(state.id): \(error)"))
        }
        return PromptDiff.revision(from: state.prompt, to: answer, language: plan.promptLanguage)
    }

    /// Reads the edited text back: it must have no errors, and say what `changes` meant.
    private func verify(_ text: String, changes: [ReviewChange]) throws(AnimaticError) {
        let reread = ReviewFile.parse(Data(text.utf8), url: file.url, displayPath: file.displayPath)
        let problem: String? = {
            if let error = reread.diagnostics.first(where: { $0.severity == .error }) { return error.formatted(path: file.displayPath) }
            let entries = Dictionary(reread.review.entries.map { ($0.shotID, $0) }) { first, _ in first }
            for change in changes {
                guard let entry = entries[change.shotID] else {
                    return "shot \(change.shotID) is gone"
                }
                if change.appliedNotes.contains(where: { $0 >= entry.notes.count || !entry.notes[$0].applied }) {
                    return "a note of \(change.shotID) is not marked applied"
                }
                let written = PendingRevision(entry.revision)
                for field in change.fields where written.value(of: field.key) != field.value {
                    return "\(change.shotID)'s \(field.key) reads back as something else"
                }
            }
            return nil
        }()
        if let problem {
            throw AnimaticError(.internalFailure, "editing \(file.displayPath) went wrong (\(problem)); nothing written")
        }
    }

    /// `size MCU, prompt_add "…"`: what a note made.
    static func describe(_ revision: NoteRevision) -> String {
        var parts: [String] = []
        if let add = revision.promptAdd { parts.append("prompt_add \"\(add)\"") }
        if !revision.promptRemove.isEmpty { parts.append("prompt_remove \(YAMLScalarText.renderList(revision.promptRemove))") }
        if let add = revision.negativeAdd { parts.append("negative_add \"\(add)\"") }
        if let size = revision.size { parts.append("size \(size.abbreviation)") }
        if let move = revision.move { parts.append("move \(move.shortName)") }
        if let angle = revision.angle { parts.append("angle \(angle.english)") }
        if let milliseconds = revision.milliseconds { parts.append("duration \(ShotDuration.milliseconds(milliseconds).text)") }
        return parts.isEmpty ? "no change" : parts.joined(separator: ", ")
    }
}

extension ShotState {
    /// The shot as planned.
    init(_ shot: Shot, plan: Plan) {
        let rate = plan.frameRate
        self.init(
            id: shot.id, size: shot.size, move: shot.move, angle: shot.angle,
            milliseconds: Int((Double(shot.frames * rate.den * 1000) / Double(rate.num)).rounded()),
            daylight: shot.segments.first?.card.daylight ?? Daylight(shot.timeOfDay),
            prompt: shot.segments.first?.prompt ?? "",
            subject: shot.characters.first.map { name in
                plan.characters.first { $0.name == name }?.displayName ?? name
            },
            language: plan.promptLanguage)
    }

    /// The shot after `revision`, for the next note on it.
    mutating func apply(_ revision: NoteRevision) {
        size = revision.size ?? size
        move = revision.move ?? move
        angle = revision.angle ?? angle
        milliseconds = revision.milliseconds ?? milliseconds
        prompt = PromptRevision.removing(revision.promptRemove, from: prompt)
        if let add = revision.promptAdd {
            prompt += language == .chinese ? "\(add)。" : " \(add.prefix(1).uppercased() + add.dropFirst())."
        }
    }
}

/// A shot's revise fields as plain values while notes are added to them, and which changed.
struct PendingRevision {
    var promptAdd: String?
    var promptRemove: [String]
    var negativeAdd: String?
    var size: ShotSize?
    var move: CameraMove?
    var angle: CameraAngle?
    var duration: ShotDuration?
    var seed: Int?
    var style: String?
    private var changed: Set<String> = []

    init(_ revision: ShotRevision) {
        promptAdd = revision.promptAdd?.value
        promptRemove = revision.promptRemove?.value ?? []
        negativeAdd = revision.negativeAdd?.value
        size = revision.size?.value
        move = revision.move?.value
        angle = revision.angle?.value
        duration = revision.duration?.value
        seed = revision.seed?.value
        style = revision.style?.value
    }

    /// Adds what a note made: additions joined to what is there, settings replaced.
    mutating func add(_ made: NoteRevision, language: PromptLanguage) {
        let separator = language == .chinese ? "，" : ", "
        if let add = made.promptAdd {
            promptAdd = [promptAdd, add].compactMap { $0 }.joined(separator: separator)
            changed.insert("prompt_add")
        }
        let newRemovals = made.promptRemove.filter { !promptRemove.contains($0) }
        if !newRemovals.isEmpty {
            promptRemove += newRemovals
            changed.insert("prompt_remove")
        }
        if let add = made.negativeAdd {
            negativeAdd = [negativeAdd, add].compactMap { $0 }.joined(separator: separator)
            changed.insert("negative_add")
        }
        if let value = made.size { size = value; changed.insert("size") }
        if let value = made.move { move = value; changed.insert("move") }
        if let value = made.angle { angle = value; changed.insert("angle") }
        if let value = made.milliseconds { duration = .milliseconds(value); changed.insert("duration") }
    }

    /// The changed fields' values as the file writes them, in the schema's order.
    var changedFields: [(key: String, value: ReviewChange.Value)] {
        ReviewDecoding.reviseKeys.filter(changed.contains).compactMap { key in value(of: key).map { (key, $0) } }
    }

    /// A field's value as the file writes it; nil when unset.
    func value(of key: String) -> ReviewChange.Value? {
        switch key {
        case "prompt_add": promptAdd.map(ReviewChange.Value.text)
        case "prompt_remove": promptRemove.isEmpty ? nil : .list(promptRemove)
        case "negative_add": negativeAdd.map(ReviewChange.Value.text)
        case "size": size.map { .text($0.abbreviation) }
        case "move": move.map { .text($0.shortName) }
        case "angle": angle.map { .text($0.english) }
        case "duration": duration.map { .text($0.text) }
        case "seed": seed.map { .text(String($0)) }
        case "style": style.map(ReviewChange.Value.text)
        default: nil
        }
    }
}

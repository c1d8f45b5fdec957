import Foundation
import Planning

/// One save from the review page (`animatic review FILE`): what a reviewer changed in one
/// shot's entry — a take picked, a status, a note added. It is a change, not a copy of the
/// entry, so two pages saving at once each add what they changed and nothing they did not
/// see is lost (`ReviewFileKeeper`).
public struct ReviewEdit: Sendable, Hashable, Codable {
    /// The shot's ID (`2C`).
    public var shot: ShotID
    /// The take to use, 1-based.
    public var pick: Int?
    /// The shot's status.
    public var status: ReviewStatus?
    /// A note to add after the shot's own.
    public var note: String?
    /// Who wrote the note.
    public var by: String?

    public init(shot: ShotID, pick: Int? = nil, status: ReviewStatus? = nil, note: String? = nil, by: String? = nil) {
        self.shot = shot
        self.pick = pick
        self.status = status
        self.note = note
        self.by = by
    }

    /// The longest note a page may add, in characters: a note is a sentence or a paragraph,
    /// and a file is read whole by every build.
    public static let longestNote = 4000

    /// The edit with its note and author trimmed (nil when blank).
    /// - Throws: `AnimaticError` `.badInput` for a note or an author that is too long.
    public func normalised() throws(AnimaticError) -> ReviewEdit {
        var edit = self
        edit.note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        edit.by = by?.trimmingCharacters(in: .whitespacesAndNewlines)
        if edit.note?.isEmpty == true { edit.note = nil }
        if edit.by?.isEmpty == true { edit.by = nil }
        if let note = edit.note, note.count > Self.longestNote {
            throw AnimaticError(.badInput, "a note is at most \(Self.longestNote) characters")
        }
        if let by = edit.by, by.count > 100 || by.contains(where: \.isNewline) {
            throw AnimaticError(.badInput, "a reviewer's name is one line of at most 100 characters")
        }
        return edit
    }

    /// The change to make in a file whose entry for the shot is `entry` (nil: none yet):
    /// only what differs from it, nil when nothing does. A note the entry already has is not
    /// added again (a page saving twice, or two pages the same note).
    func change(against entry: ReviewEntry?, at date: String) -> ReviewChange? {
        var change = ReviewChange(shotID: shot)
        if let pick, pick != entry?.pick { change.pick = pick }
        if let status, status != entry?.status { change.status = status }
        if let note, !(entry?.notes.contains { $0.text == note } ?? false) {
            change.newNotes = [ReviewChange.NewNote(text: note, by: by, at: date)]
        }
        return change.pick == nil && change.status == nil && change.newNotes.isEmpty ? nil : change
    }
}

extension ReviewStatus: Codable {}

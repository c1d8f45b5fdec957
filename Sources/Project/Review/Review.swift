import CutLists
import Planning
import Screenplay

/// What a review file says (docs/review.md): for each shot it names, the take picked, a
/// status, the director's notes and a revision, each with where it is written.
public struct Review: Sendable {
    /// The shots' entries in file order.
    public var entries: [ReviewEntry]

    public init(entries: [ReviewEntry] = []) {
        self.entries = entries
    }

    /// The revisions for the planner, by shot ID (an ID has one entry: YAML allows no
    /// key twice).
    public var revisions: ShotRevisions {
        var byShot: [ShotID: ShotRevision] = [:]
        for entry in entries where entry.revision != ShotRevision() { byShot[entry.shotID] = entry.revision }
        return ShotRevisions(
            byShot: byShot,
            picks: Dictionary(entries.compactMap { entry in entry.pick.map { (entry.shotID, $0) } }) { first, _ in first })
    }

    /// Each entry's status and notes, by shot ID, as the storyboard page shows them.
    public var storyboardMarks: [ShotID: ShotReviewMarks] {
        Dictionary(entries.compactMap { entry in
            guard entry.status != nil || !entry.notes.isEmpty else { return nil }
            return (entry.shotID, ShotReviewMarks(
                status: entry.status?.rawValue,
                notes: entry.notes.map { ShotReviewMarks.Note(text: $0.text, by: $0.by, at: $0.at, applied: $0.applied) }))
        }) { first, _ in first }
    }
}

/// One shot's entry under `shots:`.
public struct ReviewEntry: Sendable {
    /// The shot ID as written: `2K`.
    public var shotID: ShotID
    /// Where the ID is written.
    public var location: SourceLocation
    /// `pick`: the take the video and the cut lists use (1-based).
    public var pick: Int?
    /// Where the pick is written.
    public var pickLocation: SourceLocation?
    /// `status`.
    public var status: ReviewStatus?
    /// `notes`, in order.
    public var notes: [ReviewNote]
    /// `revise`: what changes over the script's shot.
    public var revision: ShotRevision

    public init(shotID: ShotID, location: SourceLocation, pick: Int? = nil, status: ReviewStatus? = nil,
                notes: [ReviewNote] = [], revision: ShotRevision = ShotRevision()) {
        self.shotID = shotID
        self.location = location
        self.pick = pick
        self.status = status
        self.notes = notes
        self.revision = revision
    }
}

/// Where a shot stands in review.
public enum ReviewStatus: String, CaseIterable, Sendable, Hashable {
    case approved
    case needsWork = "needs-work"
}

/// A note on a shot, in the director's words.
public struct ReviewNote: Sendable, Hashable {
    /// `text`: the note itself.
    public var text: String
    /// `by`: who wrote it.
    public var by: String?
    /// `at`: when, as an ISO 8601 date or date and time.
    public var at: String?
    /// `applied`: whether `animatic review --apply-notes` has turned it into a revision.
    public var applied: Bool
    /// Where the note starts.
    public var location: SourceLocation
    /// Where its text starts.
    public var textLocation: SourceLocation

    public init(text: String, by: String? = nil, at: String? = nil, applied: Bool = false,
                location: SourceLocation, textLocation: SourceLocation) {
        self.text = text
        self.by = by
        self.at = at
        self.applied = applied
        self.location = location
        self.textLocation = textLocation
    }
}

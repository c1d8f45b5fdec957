/// A shot's review as the storyboard page shows it, read-only (docs/review.md): where the
/// shot stands and the director's notes. (The take picked is the plan's.)
public struct ShotReviewMarks: Sendable, Hashable {
    /// `approved` or `needs-work`, when the review says.
    public var status: String?
    /// The notes, in order.
    public var notes: [Note]

    /// One note: its text, who wrote it and when, and whether it became a revision.
    public struct Note: Sendable, Hashable {
        public var text: String
        public var by: String?
        public var at: String?
        public var applied: Bool

        public init(text: String, by: String? = nil, at: String? = nil, applied: Bool = false) {
            self.text = text
            self.by = by
            self.at = at
            self.applied = applied
        }
    }

    public init(status: String? = nil, notes: [Note] = []) {
        self.status = status
        self.notes = notes
    }
}

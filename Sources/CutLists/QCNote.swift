import Planning

/// A segment's quality-control verdict as the storyboard page shows it (docs/qc.md).
public struct QCNote: Sendable, Hashable {
    /// Whether the clip in use passes.
    public var passed: Bool
    /// The verdict and why (`passed`, `retake 1 (seed 7) passed; 1 attempt failed (…)`).
    public var text: String

    public init(passed: Bool, text: String) {
        self.passed = passed
        self.text = text
    }
}

/// Quality control's notes for the storyboard page (docs/qc.md): each segment's verdict,
/// and how each shot's takes rank. The page shows them and nothing else depends on them.
public struct QCNotes: Sendable, Hashable {
    /// By segment ID: the verdict of the clip in use.
    public var segments: [SegmentID: QCNote]
    /// By shot ID: the ranking of its takes and which is on the timeline, and why.
    public var takes: [ShotID: QCNote]

    public init(segments: [SegmentID: QCNote] = [:], takes: [ShotID: QCNote] = [:]) {
        self.segments = segments
        self.takes = takes
    }

    /// Whether there is nothing to show.
    public var isEmpty: Bool { segments.isEmpty && takes.isEmpty }
}

/// A segment's quality-control verdict as the storyboard page shows it (docs/qc.md).
public struct QCNote: Sendable, Hashable {
    /// Whether the clip in use passes.
    public var passed: Bool
    /// The verdict and why (`passed`, `retake 1 (seed 7) passed; 1 take failed (…)`).
    public var text: String

    public init(passed: Bool, text: String) {
        self.passed = passed
        self.text = text
    }
}

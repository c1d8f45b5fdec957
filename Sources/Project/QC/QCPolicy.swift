/// What quality control does with a clip that fails it (`--qc`, docs/qc.md).
public enum QCPolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// No analysis.
    case off
    /// Analyse and report; a failing clip is used as it is.
    case warn
    /// Analyse; a failing clip is made again with the next seed, up to `qc_retakes` times,
    /// and the best attempt is kept. The build succeeds whatever the best attempt scores.
    case retake
    /// As `retake`, but a build whose best attempt still fails exits 69.
    case strict

    /// Whether clips are analysed at all.
    public var analyses: Bool { self != .off }
    /// Whether a failing clip is made again.
    public var retakes: Bool { self == .retake || self == .strict }

    /// The default for a backend: `off` for the storyboard renderer, which cannot fail this
    /// way; `retake` for every generative backend.
    public static func defaultFor(backend: String) -> QCPolicy { backend == "cards" ? .off : .retake }
}

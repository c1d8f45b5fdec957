/// A build's two qualities (`--quality draft|final`): drafts to review quickly and cheaply,
/// finals of the shots a review approved or picked.
public enum QualityLevel: String, Sendable, Hashable, CaseIterable, Codable {
    case draft
    case final
}

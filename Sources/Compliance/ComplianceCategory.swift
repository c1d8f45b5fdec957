/// What a prompt can hold that a production must not send to a model unchecked
/// (docs/compliance.md). The raw values are the project file's keys under `compliance.policy`.
public enum ComplianceCategory: String, Sendable, Hashable, CaseIterable, Codable {
    /// A real public figure's name (the shipped list plus `compliance.names`).
    case publicFigures = "public_figures"
    /// A brand or trademark (`compliance.brands`).
    case brands
    /// Graphic violence.
    case violence
    /// Sexual content.
    case sexual
    /// Minors.
    case minors
    /// Self-harm.
    case selfHarm = "self_harm"
    /// Hate.
    case hate

    /// Whether `rewrite` applies: a name can be replaced by a description and keep the
    /// story; a sensitive term cannot.
    public var rewritable: Bool { self == .publicFigures || self == .brands }

    /// The category in words (`a real public figure`).
    public var noun: String {
        switch self {
        case .publicFigures: "a real public figure"
        case .brands: "a brand"
        case .violence: "graphic violence"
        case .sexual: "sexual content"
        case .minors: "minors"
        case .selfHarm: "self-harm"
        case .hate: "hate"
        }
    }
}

/// What a finding in a category does (docs/compliance.md).
public enum CompliancePolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// An error: the build stops before any request (exit 65).
    case block
    /// A warning; the prompt is sent as it is.
    case warn
    /// A name is replaced by a neutral description in the prompt (names only).
    case rewrite

    /// The defaults: `block` for every backend that sends prompts to a model (hosted,
    /// remote or a local program), `warn` for the cards renderer, which sends nothing.
    public static func defaultFor(backend: String) -> CompliancePolicy { backend == "cards" ? .warn : .block }
}

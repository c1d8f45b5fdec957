extension ShotDuration {
    /// A duration written as an annotation writes it — `3s`, `2.5s`, `72f`, `3秒` — for
    /// files other than the script (the review file); nil unless it has a unit and is
    /// longer than zero.
    public init?(text: String) {
        guard case .valid(let duration) = DurationSyntax.parse(text) else { return nil }
        self = duration
    }

    /// The duration as the annotation syntax writes it: `2.5s`, `72f`.
    public var text: String {
        switch self {
        case .frames(let frames): return "\(frames)f"
        case .milliseconds(let milliseconds):
            var fraction = String(milliseconds % 1000)
            fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return "\(milliseconds / 1000)" + (fraction.isEmpty ? "" : ".\(fraction)") + "s"
        }
    }
}

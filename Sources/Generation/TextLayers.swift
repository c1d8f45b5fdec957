import Media

/// The text of a card as `drawtext` filters drawing by font file, with each text set
/// verbatim through the filter's options (never through the graph text, so nothing the
/// writer or a backend wrote needs escaping).
struct TextLayers: Sendable {
    /// The `drawbox` and `drawtext` filters, in drawing order.
    var filters: [String] = []
    /// Each named drawtext's text, set verbatim.
    var options: [String: [String: String]] = [:]

    /// Adds a `drawtext@name` drawing `text` (nothing when it is empty), with a dark box
    /// of `box` pixels around it when given.
    mutating func add(
        _ name: String, _ text: String, font: String, size: Int, colour: String, x: String, y: String, spacing: Int = 0,
        box: Int? = nil
    ) {
        guard !text.isEmpty else { return }
        var filter = "drawtext@\(name)=fontfile=\(font):text=x:fontsize=\(size):fontcolor=\(colour):x=\(x):y=\(y)"
        if spacing > 0 { filter += ":line_spacing=\(spacing)" }
        if let box { filter += ":box=1:boxcolor=black@0.55:boxborderw=\(box)" }
        filters.append(filter)
        options["drawtext@\(name)"] = FilterGraphRenderer.literalText(text)
    }
}

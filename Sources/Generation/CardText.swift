import Media
import Planning

/// The text of a storyboard card and where it goes: a dark band at the top with the scene
/// heading on the left and the shot ID (with a later take's number) and camera term on the
/// right; the action, wrapped, at the lower left; the dialogue centred at the bottom under
/// its speaker's name, like a subtitle; a title card's text large in the middle. Sizes scale
/// with the frame height (designed at 720 lines).
struct CardText: Sendable {
    private var layers = TextLayers()
    /// The `drawbox` and `drawtext` filters, in drawing order.
    var filters: [String] { layers.filters }
    /// Each named drawtext's text, set verbatim.
    var options: [String: [String: String]] { layers.options }

    /// The accent colour of the shot line and the speaker's name.
    static let accent = "0xffd36b"
    /// Average advance of a one-column character, as a fraction of the font size.
    static let columnWidth = 0.56

    init(card: StoryboardCard, width: Int, height: Int, fonts: CardFonts) {
        let scale = Double(height) / 720
        func px(_ value: Double) -> Int { max(1, Int((value * scale).rounded())) }
        func size(_ value: Double) -> Int { max(6, px(value)) }
        func columns(_ available: Double, fontSize: Int) -> Int { Int(available / (Self.columnWidth * Double(fontSize))) }

        let texts = [card.heading, card.cameraTerm, card.action ?? "", card.speaker ?? "", card.dialogue ?? "", card.take ?? ""]
        let (regular, bold) = fonts.faces(for: texts)
        let margin = px(28)

        // The top band: heading left, shot and camera right.
        let band = px(62)
        layers.filters.append("drawbox=x=0:y=0:w=\(width):h=\(band):c=black@0.6:t=fill")
        let shotSize = size(24)
        // A later take says so beside the shot ID: `12A  take 2 · noir   MS`.
        let shotLine = card.shotID.rawValue + (card.take.map { "  " + $0 } ?? "") + "   " + card.cameraTerm
        let shotColumns = TextWrap.columns(of: shotLine)
        layers.add("shot", shotLine, font: bold, size: shotSize, colour: Self.accent, x: "w-tw-\(margin)",
            y: "\((band - shotSize) / 2)")
        let headingSize = size(28)
        let headingRoom = Double(width - 3 * margin) - Double(shotColumns) * Self.columnWidth * Double(shotSize)
        let heading = TextWrap.wrap(card.heading, width: columns(headingRoom, fontSize: headingSize), maxLines: 1)
        layers.add("heading", heading.first ?? "", font: bold, size: headingSize, colour: "white", x: "\(margin)",
            y: "\((band - headingSize) / 2)")

        // The bottom: dialogue (centred) above the bottom edge, the action above that.
        var bottom = height - px(34)
        if let dialogue = card.dialogue, !dialogue.isEmpty {
            let lineSize = size(30), spacing = px(8)
            let lines = TextWrap.wrap(dialogue, width: columns(Double(width) * 0.8, fontSize: lineSize), maxLines: 3)
            let blockHeight = lines.count * lineSize + (lines.count - 1) * spacing
            layers.add("dialogue", lines.joined(separator: "\n"), font: regular, size: lineSize, colour: "white",
                x: "(w-tw)/2", y: "\(bottom - blockHeight)", spacing: spacing, box: px(12))
            bottom -= blockHeight + px(12)
            if let speaker = card.speaker, !speaker.isEmpty {
                let speakerSize = size(24)
                layers.add("speaker", speaker.uppercased(), font: bold, size: speakerSize, colour: Self.accent,
                    x: "(w-tw)/2", y: "\(bottom - px(10) - speakerSize)", box: px(8))
                bottom -= speakerSize + px(10) + px(8)
            }
            bottom -= px(18)
        }
        if card.kind == .title, let title = card.action, !title.isEmpty {
            let lineSize = size(52), spacing = px(14)
            let lines = TextWrap.wrap(title, width: columns(Double(width) * 0.8, fontSize: lineSize), maxLines: 4)
            layers.add("title", lines.joined(separator: "\n"), font: bold, size: lineSize, colour: "white", x: "(w-tw)/2",
                y: "(h-th)/2", spacing: spacing)
        } else if let action = card.action, !action.isEmpty {
            let lineSize = size(25), spacing = px(7)
            let maxLines = card.dialogue == nil ? 5 : 2
            let lines = TextWrap.wrap(action, width: columns(Double(width - 2 * margin) * 0.92, fontSize: lineSize),
                                      maxLines: maxLines)
            let blockHeight = lines.count * lineSize + (lines.count - 1) * spacing
            layers.add("action", lines.joined(separator: "\n"), font: regular, size: lineSize, colour: "white",
                x: "\(margin + px(6))", y: "\(bottom - blockHeight)", spacing: spacing, box: px(12))
        }
    }
}

/// The libavfilter graph that draws a failure card: a dark red frame with a bright red
/// border; GENERATION FAILED large at the top, the shot and segment under it, then the
/// backend and the reason, wrapped, and at the bottom a line saying the card is a stand-in.
/// Still: one frame drawn and held. Sizes scale with the frame height (designed at 720 lines).
struct FailureCardGraph: Sendable {
    var graph: String
    var filterOptions: [String: [String: String]]

    /// The card's background.
    static let background = "0x4a0c10"
    /// Its border and the band behind the title.
    static let border = "0xc8323a"
    /// The lines under the title.
    static let muted = "0xf0c4c4"

    init(card: FailureCard, fonts: CardFonts) {
        let format = card.request.format
        let width = format.width, height = format.height
        let scale = Double(height) / 720
        func px(_ value: Double) -> Int { max(1, Int((value * scale).rounded())) }
        func size(_ value: Double) -> Int { max(6, px(value)) }

        let shotID = card.request.content.card.shotID, segmentID = card.request.segmentID
        let title = "GENERATION FAILED"
        let identity = "SHOT \(shotID)   SEGMENT \(segmentID)"
        let backend = "backend: \(card.backend)"
        let footer = "stand-in: the next build tries this segment again"
        let (regular, bold) = fonts.faces(for: [identity, card.reason])

        var chain = [
            "color=c=\(Self.background):s=\(width)x\(height):r=\(format.frameRate.numerator)/\(format.frameRate.denominator)",
            "trim=end_frame=1", "format=yuv420p",
            "drawbox=x=0:y=0:w=\(width):h=\(height):c=\(Self.border):t=\(px(12))",
            "drawbox=x=0:y=\(px(70)):w=\(width):h=\(px(92)):c=\(Self.border):t=fill",
        ]
        var layers = TextLayers()
        let titleSize = size(58)
        layers.add("title", title, font: fonts.bold, size: titleSize, colour: "white", x: "(w-tw)/2",
                   y: "\(px(70) + (px(92) - titleSize) / 2)")
        let margin = px(64)
        let identitySize = size(32)
        layers.add("identity", identity, font: bold, size: identitySize, colour: CardText.accent, x: "\(margin)",
                   y: "\(px(200))")
        let backendSize = size(26)
        layers.add("backend", backend, font: regular, size: backendSize, colour: Self.muted, x: "\(margin)",
                   y: "\(px(252))")
        let reasonSize = size(24), spacing = px(8)
        let columns = Int(Double(width - 2 * margin) / (CardText.columnWidth * Double(reasonSize)))
        let lines = TextWrap.wrap(card.reason, width: columns, maxLines: 9)
        layers.add("reason", lines.joined(separator: "\n"), font: regular, size: reasonSize, colour: "white",
                   x: "\(margin)", y: "\(px(310))", spacing: spacing)
        let footerSize = size(20)
        layers.add("footer", footer, font: fonts.regular, size: footerSize, colour: Self.muted, x: "(w-tw)/2",
                   y: "\(height - px(40) - footerSize)")
        chain += layers.filters
        graph = chain.joined(separator: ",")
        filterOptions = layers.options
    }
}

import Media
import Planning

/// The libavfilter graph that draws one storyboard card: the set and framing guide on a
/// canvas drawn once, the camera move over it, then the text in front.
///
/// Text reaches drawtext through `filterOptions` (set with `av_opt_set`), never through
/// the graph text, so nothing the writer typed needs escaping. A still camera's graph
/// makes one frame, which the renderer holds (`FilterGraphRenderer.renderStill`).
struct CardGraph: Sendable {
    var graph: String
    var filterOptions: [String: [String: String]]
    /// Whether every frame of the card is the same picture: the camera does not move.
    var isStill: Bool

    init(request: GenerationRequest, fonts: CardFonts) {
        let card = request.content.card
        let width = request.format.width, height = request.format.height
        let rate = request.format.frameRate
        let palette = CardPalette(daylight: card.daylight, setting: card.setting)
        let motion = CameraMotion(
            move: card.move, frameWidth: width, frameHeight: height, frameRate: rate, startFrame: request.shotStartFrame)
        let (marginX, marginY) = motion.margin
        let canvasWidth = width + marginX, canvasHeight = height + marginY
        let guide = FramingGuide(size: card.size, angle: card.angle, palette: palette)

        // A title card (centred text such as THE END) is text on black, with no set.
        let isTitle = card.kind == .title
        var chain = [
            "color=c=\(isTitle ? "0x101010" : palette.backdrop):s=\(canvasWidth)x\(canvasHeight)"
                + ":r=\(rate.numerator)/\(rate.denominator)",
            "trim=end_frame=1", "format=yuv420p",
        ]
        if !isTitle {
            chain += guide.blocks(
                canvasWidth: canvasWidth, canvasHeight: canvasHeight, frameWidth: width, frameHeight: height
            ).map(\.filter)
        }
        if let moving = motion.filters {
            chain += ["loop=loop=-1:size=1", "setpts=N", moving]
        }
        isStill = motion.filters == nil
        let text = CardText(card: card, width: width, height: height, fonts: fonts)
        chain += text.filters
        graph = chain.joined(separator: ",")
        filterOptions = text.options
    }
}

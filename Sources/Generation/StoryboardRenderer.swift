import Foundation
import Media
import Planning

/// The built-in backend, `cards`: a motion storyboard drawn with libavfilter, no network
/// and no GPU. Each segment is a card coloured by time of day and INT/EXT, with a framing
/// guide whose subject shows the shot size, the camera move animated over it, and the
/// heading, shot, camera term, action and dialogue drawn in front.
///
/// Deterministic: the same request gives the same bytes. It renders straight to the house
/// format, so its clips need no conforming.
public struct StoryboardRenderer: Generator {
    /// Bumped whenever a change to the drawing changes pixels or the clip's bytes: part of
    /// every cache key. 5: a still card's clip repeats its first keyframe interval.
    public static let version = 5

    /// The fonts the cards are drawn with.
    public var fonts: CardFonts

    /// A renderer drawing with `fonts` (by default DejaVu and the first CJK face installed).
    public init(fonts: CardFonts = .system()) {
        self.fonts = fonts
    }

    /// `cards`.
    public var name: String { "cards" }

    /// The drawing's version and the font files.
    public var settings: String {
        "version=\(Self.version) regular=\(fonts.regular) bold=\(fonts.bold) cjk=\(fonts.cjk ?? "none")"
    }

    /// The drawing's settings, the card, its length, and where in its shot it starts (the
    /// camera move goes on from there): not the prompt or seed, which it does not draw.
    public func keyMaterial(for request: GenerationRequest) throws -> Data {
        try CanonicalJSON.data(CardKeyMaterial(
            settings: settings, card: request.content.card, frames: request.content.frames,
            shotStartFrame: request.shotStartFrame))
    }

    private struct CardKeyMaterial: Encodable {
        var settings: String
        var card: StoryboardCard
        var frames: Int
        var shotStartFrame: Int
    }

    /// Any size and rate, any length, as many jobs as the machine has cores, in the house format.
    public var capabilities: GeneratorCapabilities {
        GeneratorCapabilities(writesHouseFormat: true)
    }

    /// The font files.
    public var inputFiles: [URL] { fonts.files.map { URL(fileURLWithPath: $0) } }

    /// The filter graph and drawtext options for `request` (what `generate` renders).
    public func graph(for request: GenerationRequest) -> (graph: String, filterOptions: [String: [String: String]]) {
        let card = CardGraph(request: request, fonts: fonts)
        return (card.graph, card.filterOptions)
    }

    /// Renders the card for `request` to `destination` in the request's house format; a
    /// card whose camera does not move is drawn and encoded once and held.
    public func generate(_ request: GenerationRequest, to destination: URL) async throws {
        _ = try await generate(request, to: destination, analysing: false)
    }

    /// Renders the card as `generate(_:to:)` does; with `analysing`, quality control's
    /// analysis takes the frames as they are drawn, and their measures are returned.
    public func generate(_ request: GenerationRequest, to destination: URL, analysing: Bool) async throws
        -> ClipMeasures?
    {
        let card = CardGraph(request: request, fonts: fonts)
        let renderer = FilterGraphRenderer(format: request.format)
        if card.isStill {
            return try await renderer.renderStill(
                graph: card.graph, frames: request.content.frames, filterOptions: card.filterOptions, to: destination,
                analysing: analysing)
        }
        return try await renderer.render(
            graph: card.graph, frames: request.content.frames, filterOptions: card.filterOptions, to: destination,
            analysing: analysing)
    }
}

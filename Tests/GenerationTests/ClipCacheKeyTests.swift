import Foundation
@testable import Generation
import Media
import Planning
import Testing
import TestSupport

@Suite("Clip cache keys")
struct ClipCacheKeyTests {
    let renderer = StoryboardRenderer(fonts: CardFonts(regular: "/r.ttf", bold: "/b.ttf", cjk: nil))

    private var request: GenerationRequest {
        GenerationRequest.all(in: plan(), format: tinyFormat)[0]
    }

    private func key(_ request: GenerationRequest, _ generator: (any Generator)? = nil) throws -> String {
        try ClipCache.key(for: request, generator: generator ?? renderer).rawValue
    }

    @Test func canonicalJSONSortsItsKeysAndFailsLoudly() throws {
        #expect(try CanonicalJSON.data(["b": 1, "a": 2]) == Data(#"{"a":2,"b":1}"#.utf8))
        // Once returned as empty data: every value that failed would have shared one key.
        #expect(throws: EncodingError.self) { try CanonicalJSON.data(["seconds": Double.nan]) }
    }

    @Test func isTheSHA256OfTheCanonicalText() throws {
        let text = try ClipCache.keyText(for: request, generator: renderer)
        #expect(try key(request) == SHA256.hex(text.utf8))
        #expect(try key(request).count == 64)
        #expect(text.contains("\"backend\":\"cards\""))
        #expect(text.contains(tinyFormat.encoderSettings))
    }

    @Test(arguments: [
        "frames", "rate", "heading", "action", "dialogue", "speaker", "size", "move", "daylight", "start", "width",
        "height", "fonts",
    ])
    func changesWithEveryPixelShapingInput(field: String) throws {
        var changed = request
        var generator = renderer
        switch field {
        case "prompt": changed.content.prompt += "!"
        case "negative": changed.content.negativePrompt += "!"
        case "seed": changed.content.seed += 1
        case "frames": changed.content.frames += 1
        case "rate": changed.format.frameRate = Rational(25)
        case "continues": changed.content.continuesFrom = "1A-1"
        case "heading": changed.content.card.heading += "!"
        case "action": changed.content.card.action = "Something else."
        case "dialogue": changed.content.card.dialogue = "Hello."
        case "speaker": changed.content.card.speaker = "BEN"
        case "size": changed.content.card.size = .extremeCloseUp
        case "move": changed.content.card.move = .crane
        case "daylight": changed.content.card.daylight = .dusk
        case "start": changed.shotStartFrame += 24
        case "width": changed.format.width += 2
        case "height": changed.format.height += 2
        case "fonts": generator.fonts.regular = "/other.ttf"
        default: Issue.record("unknown field \(field)")
        }
        #expect(try key(changed, generator) != key(request))
    }

    @Test func theCardsKeyIgnoresWhatTheCardDoesNotDraw() throws {
        var changed = request
        changed.content.prompt += "!"
        changed.content.negativePrompt += "!"
        changed.content.seed += 1
        changed.content.continuesFrom = "1A-1"
        #expect(try key(changed) == key(request))
    }

    @Test func aHostedModelsKeyIsItsRequestBody() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("never-created-\(UUID().uuidString)")
        let dashScope = DashScopeGenerator(baseURL: DashScopeGenerator.defaultBaseURL, journalDirectory: directory)
        var card = request
        card.content.card.heading = "INT. ANOTHER ROOM - DAY"
        card.content.card.shotID = "7C"
        card.content.card.action = "Something else."
        #expect(try key(card, dashScope) == key(request, dashScope), "the card is not sent")
        var prompt = request
        prompt.content.prompt += "!"
        #expect(try key(prompt, dashScope) != key(request, dashScope))
        var seed = request
        seed.content.seed += 1
        #expect(try key(seed, dashScope) != key(request, dashScope))
        #expect(try key(request, dashScope) != key(request), "each backend's keys are its own")
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }

    @Test func ignoresWhatDoesNotShapePixels() throws {
        var moved = request
        moved.segmentID = "9Z-3"
        moved.referenceImage = URL(fileURLWithPath: "/tmp/last-frame.png")
        #expect(try key(moved) == key(request))
    }

    @Test func ignoresTheSourceRange() throws {
        // A note and blank lines before the first scene move every source range and
        // change no segment's content.
        let original = plan()
        let shifted = plan("/* a note to self */\n\n\n\n" + sampleScript)
        let originalRanges = original.shots.flatMap(\.segments).map(\.range)
        let shiftedRanges = shifted.shots.flatMap(\.segments).map(\.range)
        #expect(originalRanges.count == shiftedRanges.count)
        #expect(zip(originalRanges, shiftedRanges).allSatisfy { $0 != $1 })
        let before = try GenerationRequest.all(in: original, format: tinyFormat).map { try key($0) }
        let after = try GenerationRequest.all(in: shifted, format: tinyFormat).map { try key($0) }
        #expect(before == after)
    }
}

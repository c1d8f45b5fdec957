import Foundation
@testable import Generation
import Media
import Planning
import Testing
import TestSupport

@Suite("Storyboard renderer")
struct StoryboardRendererTests {
    let renderer = StoryboardRenderer()

    private func request(move: CameraMove = .static, frames: Int = 12, start: Int = 0) -> GenerationRequest {
        var request = GenerationRequest.all(in: plan(), format: tinyFormat)[0]
        request.content.card.move = move
        request.content.frames = frames
        request.shotStartFrame = start
        return request
    }

    @Test(arguments: [CameraMove.static, .pushIn, .pan, .tilt, .handheld])
    func rendersTheExactFrameCountInTheHouseFormat(move: CameraMove) async throws {
        let scratch = try Scratch()
        let file = scratch.file("card.mp4")
        try await renderer.generate(request(move: move, frames: 30), to: file)
        let video = try #require(try Probe.info(file).video)
        #expect(video.width == 160 && video.height == 90)
        #expect(try Probe.packetCount(file) == 30)
        #expect(video.hasBFrames == 0)
    }

    @Test(arguments: [CameraMove.static, .pushIn, .crane])
    func sameRequestSameBytes(move: CameraMove) async throws {
        let scratch = try Scratch()
        try await renderer.generate(request(move: move), to: scratch.file("a.mp4"))
        try await renderer.generate(request(move: move), to: scratch.file("b.mp4"))
        let a = try Data(contentsOf: scratch.file("a.mp4")), b = try Data(contentsOf: scratch.file("b.mp4"))
        #expect(!a.isEmpty)
        guard a != b else { return }
        // Say where they differ, for whoever has to find out why.
        let frames = [try await greyFrames(scratch.file("a.mp4"), width: 160, height: 90),
                      try await greyFrames(scratch.file("b.mp4"), width: 160, height: 90)]
        let differing = zip(frames[0], frames[1]).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        let firstByte = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let summary = "two renders differ: \(a.count) and \(b.count) bytes, first at byte \(firstByte); "
        Issue.record("\(summary)\(frames[0].count) and \(frames[1].count) frames, decoded frames differing: \(differing)")
    }

    @Test(arguments: [CameraMove.pushIn, .pan, .crane])
    func continuationCarriesTheMoveOn(move: CameraMove) async throws {
        // A 72-frame shot in one segment, and its last 24 frames as a continuation: the
        // continuation's frames are the shot's frames 48…71, not 0…23. (Moves advance in
        // whole pixels, so neighbouring frames may match as well; encoding adds noise.)
        let scratch = try Scratch()
        let format = HouseFormat(width: 320, height: 180, frameRate: Rational(24))
        var whole = request(move: move, frames: 72), rest = request(move: move, frames: 24, start: 48)
        whole.format = format
        rest.format = format
        whole.content.card.size = .medium
        rest.content.card.size = .medium
        try await renderer.generate(whole, to: scratch.file("whole.mp4"))
        try await renderer.generate(rest, to: scratch.file("rest.mp4"))
        let wholeFrames = try await greyFrames(scratch.file("whole.mp4"), width: 320, height: 180)
        let restFrames = try await greyFrames(scratch.file("rest.mp4"), width: 320, height: 180)
        #expect(wholeFrames.count == 72 && restFrames.count == 24)
        for offset in [0, 12, 23] {
            let differences = wholeFrames.map { difference(restFrames[offset], $0) }
            let best = differences.min() ?? 0
            #expect(differences[48 + offset] <= best + 0.3, "frame \(offset): \(differences)")
            #expect(differences[offset] > 2 * differences[48 + offset] + 0.3, "frame \(offset) restarts the move")
        }
    }

    @Test func aMovingCameraChangesThePictureAndAStillOneDoesNot() async throws {
        let scratch = try Scratch()
        try await renderer.generate(request(move: .pan, frames: 48), to: scratch.file("pan.mp4"))
        try await renderer.generate(request(move: .static, frames: 48), to: scratch.file("still.mp4"))
        let pan = try await greyFrames(scratch.file("pan.mp4"), width: 160, height: 90)
        let still = try await greyFrames(scratch.file("still.mp4"), width: 160, height: 90)
        #expect(difference(pan[0], pan[47]) > 1)
        #expect(difference(still[0], still[47]) < 0.5)
    }

    @Test func aStillCardIsEncodedForOneKeyframeIntervalAndHeld() async throws {
        // 100 frames at 24 fps: intervals of 48 from frames 0, 48 and 96. A still card's
        // later intervals are its first one's packets again; a moving card's are not.
        let scratch = try Scratch()
        func packetHashes(_ move: CameraMove) async throws -> [Substring] {
            let file = scratch.file("\(move).mp4")
            try await renderer.generate(request(move: move, frames: 100), to: file)
            let csv = try await runProgram(
                "ffprobe", ["-v", "error", "-select_streams", "v", "-show_data_hash", "sha256",
                            "-show_entries", "packet=data_hash", "-of", "csv=p=0", file.path])
            return String(decoding: csv, as: UTF8.self).split(separator: "\n")
        }
        let still = try await packetHashes(.static), pan = try await packetHashes(.pan)
        #expect(still.count == 100 && pan.count == 100)
        #expect(still.indices.allSatisfy { still[$0] == still[$0 % 48] })
        #expect(pan[48] != pan[0])
    }

    @Test func drawsTextByFontFileAndKeepsTheWritersTextOutOfTheGraph() {
        var request = request()
        request.content.card.action = "It's 3:15, [sic]; a \"quote\", 100% \\ done"
        request.content.card.dialogue = "Wait: what?"
        request.content.card.speaker = "ANNA"
        let (graph, options) = renderer.graph(for: request)
        #expect(graph.contains("fontfile=\(CardFonts.dejaVuRegular)"))
        #expect(graph.contains("fontfile=\(CardFonts.dejaVuBold)"))
        #expect(!graph.contains(":font="))
        #expect(!graph.contains("3:15"))
        #expect(options["drawtext@action"]?["text"] == "It's 3:15, [sic]; a \"quote\", 100% \\ done")
        #expect(options["drawtext@action"]?["expansion"] == "none")
        #expect(options["drawtext@dialogue"]?["text"] == "Wait: what?")
        #expect(options["drawtext@speaker"]?["text"] == "ANNA")
    }

    @Test func chineseTextUsesTheCJKFontWhenThereIsOne() {
        let fonts = CardFonts(regular: "/r.ttf", bold: "/b.ttf", cjk: "/cjk.ttc")
        var request = request()
        request.content.card.action = "雨夜。城郊最后一站。"
        let (graph, _) = StoryboardRenderer(fonts: fonts).graph(for: request)
        #expect(graph.contains("fontfile=/cjk.ttc"))
        #expect(!graph.contains("fontfile=/r.ttf"))
        let (fallback, _) = StoryboardRenderer(fonts: CardFonts(regular: "/r.ttf", bold: "/b.ttf", cjk: nil))
            .graph(for: request)
        #expect(fallback.contains("fontfile=/r.ttf"))
        let (latin, _) = StoryboardRenderer(fonts: fonts).graph(for: self.request())
        #expect(!latin.contains("cjk"))
    }

    @Test func theSubjectFillsMoreOfTheFrameFromExtremeWideToExtremeCloseUp() {
        let sizes: [ShotSize] = [.extremeWide, .wide, .mediumWide, .medium, .mediumCloseUp, .closeUp, .extremeCloseUp]
        let fractions = sizes.map(FramingGuide.headFraction)
        #expect(fractions == fractions.sorted() && Set(fractions).count == sizes.count)
        let palette = CardPalette(daylight: .day, setting: .interior)
        let heads = sizes.map { size in
            FramingGuide(size: size, angle: .eyeLevel, palette: palette)
                .blocks(canvasWidth: 1280, canvasHeight: 720, frameWidth: 1280, frameHeight: 720)
                .filter { $0.colour == palette.subject }.map { $0.width * $0.height }.max() ?? 0
        }
        #expect(heads == heads.sorted())
    }

    @Test func aTitleCardIsCentredTextWithNoSet() {
        var title = request()
        title.content.card.kind = .title
        title.content.card.action = "THE END"
        let (graph, options) = renderer.graph(for: title)
        #expect(options["drawtext@title"]?["text"] == "THE END")
        #expect(options["drawtext@action"] == nil)
        #expect(graph.components(separatedBy: "drawbox").count == 2, "only the heading band: \(graph)")
        let (card, _) = renderer.graph(for: request())
        #expect(card.components(separatedBy: "drawbox").count > 5)
    }

    @Test func theAngleMovesTheHorizon() {
        let palette = CardPalette(daylight: .day, setting: .exterior)
        let horizons = [CameraAngle.birdsEye, .high, .eyeLevel, .low].map {
            FramingGuide(size: .wide, angle: $0, palette: palette).horizonFraction
        }
        #expect(horizons == horizons.sorted() && Set(horizons).count == horizons.count)
    }

    @Test func coloursDifferByDaylightAndSetting() {
        let palettes = Daylight.allCases.flatMap { daylight in
            [CardPalette(daylight: daylight, setting: .interior), CardPalette(daylight: daylight, setting: .exterior)]
        }
        #expect(Set(palettes.map(\.backdrop)).count == palettes.count)
    }
}

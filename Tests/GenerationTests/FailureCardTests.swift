import Foundation
@testable import Generation
import Media
import Planning
import Testing
import TestSupport

@Suite("Failure card")
struct FailureCardTests {
    let renderer = StoryboardRenderer()

    private func card(reason: String = "command: run python3 for 1A-1 failed: exit status 1: checkpoint not found",
                      frames: Int = 30) throws -> FailureCard {
        var request = GenerationRequest.all(in: plan(), format: tinyFormat)[0]
        request.content.frames = frames
        return FailureCard(
            request: request, segmentKey: try ClipCache.key(for: request, generator: renderer), backend: "command",
            reason: reason)
    }

    /// The mean red, green and blue of every frame of `video`.
    private func colours(_ video: URL) async throws -> [(red: Double, green: Double, blue: Double)] {
        let data = try await runProgram("ffmpeg", ["-v", "error", "-i", video.path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        let size = 160 * 90 * 3
        return stride(from: 0, to: data.count, by: size).map { start in
            var sums = [0, 0, 0]
            for (index, value) in data[start..<min(start + size, data.count)].enumerated() { sums[index % 3] += Int(value) }
            return (Double(sums[0]) / 14400, Double(sums[1]) / 14400, Double(sums[2]) / 14400)
        }
    }

    @Test(arguments: [1, 37])
    func rendersTheSegmentsFrameCountInItsFormatInDarkRed(frames: Int) async throws {
        let scratch = try Scratch()
        let file = scratch.file("card.mp4")
        try await renderer.render(try card(frames: frames), to: file)
        let video = try #require(try Probe.info(file).video)
        #expect(video.width == 160 && video.height == 90 && video.hasBFrames == 0)
        #expect(try Probe.packetCount(file) == frames)
        let colours = try await colours(file)
        #expect(colours.count == frames)
        #expect(colours.allSatisfy { $0.red > $0.green + 40 && $0.red > $0.blue + 40 }, "\(colours.first.map { "\($0)" } ?? "")")
    }

    @Test func theSameCardGivesTheSameBytes() async throws {
        let scratch = try Scratch()
        try await renderer.render(try card(), to: scratch.file("a.mp4"))
        try await renderer.render(try card(), to: scratch.file("b.mp4"))
        let a = try Data(contentsOf: scratch.file("a.mp4")), b = try Data(contentsOf: scratch.file("b.mp4"))
        #expect(!a.isEmpty && a == b)
    }

    @Test func itsKeyIsNeverTheSegmentsAndChangesWithWhatItShows() throws {
        let base = try card()
        #expect(try renderer.key(for: base) == renderer.key(for: try card()))
        #expect(try renderer.key(for: base) != base.segmentKey)
        #expect(try renderer.key(for: base) != renderer.key(for: try card(reason: "dashscope: HTTP 400")))
        var renamed = base
        renamed.request.segmentID = "9Z-1"
        #expect(try renderer.key(for: base) != renderer.key(for: renamed))
        var otherBackend = base
        otherBackend.backend = "comfyui"
        #expect(try renderer.key(for: base) != renderer.key(for: otherBackend))
        #expect(try renderer.key(for: base) != StoryboardRenderer(fonts: CardFonts(regular: "/r.ttf", bold: "/b.ttf", cjk: nil))
            .key(for: base))
    }

    @Test func saysWhatFailedWithTheReasonWrappedAndOutOfTheGraph() throws {
        let reason = "comfyui: queue the workflow for 1A-1 on http://gpu1:8188 failed: HTTP 400: "
            + String(repeating: "node 3 (KSampler): value not in list; ", count: 40)
        let failure = try card(reason: reason)
        let (graph, options) = renderer.graph(for: failure)
        #expect(options["drawtext@title"]?["text"] == "GENERATION FAILED")
        let shotID = failure.request.content.card.shotID
        #expect(options["drawtext@identity"]?["text"] == "SHOT \(shotID)   SEGMENT \(failure.request.segmentID)")
        #expect(options["drawtext@backend"]?["text"] == "backend: command")
        let lines = (options["drawtext@reason"]?["text"] ?? "").split(separator: "\n")
        #expect(lines.count == 9 && lines.last?.hasSuffix("…") == true)
        #expect(lines.joined(separator: " ").hasPrefix("comfyui: queue the workflow for 1A-1 on http://gpu1:8188"))
        #expect(options.values.allSatisfy { $0["expansion"] == "none" })
        #expect(!graph.contains("8188") && !graph.contains("KSampler"))
        #expect(graph.contains("c=\(FailureCardGraph.background)"))
    }

    @Test func aChineseReasonIsDrawnWithTheCJKFont() throws {
        let fonts = CardFonts(regular: "/r.ttf", bold: "/b.ttf", cjk: "/cjk.ttc")
        let (graph, _) = StoryboardRenderer(fonts: fonts).graph(for: try card(reason: "dashscope: 任务失败：内容审核未通过"))
        #expect(graph.contains("drawtext@reason=fontfile=/cjk.ttc"))
        #expect(graph.contains("drawtext@title=fontfile=/b.ttf"))
        let (latin, _) = StoryboardRenderer(fonts: fonts).graph(for: try card())
        #expect(!latin.contains("cjk"))
    }
}

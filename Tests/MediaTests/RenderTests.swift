import Foundation
import Media
import Testing
import TestSupport

@Suite("FilterGraphRenderer")
struct RenderTests {
    @Test("renders exactly N frames in the house format", arguments: [
        (Rational(24), 48), (Rational(25), 30), (Rational(24000, 1001), 37), (Rational(30000, 1001), 45),
    ])
    func exactFrames(rate: Rational, frames: Int) async throws {
        let directory = try Scratch()
        let format = HouseFormat(width: 320, height: 180, frameRate: rate)
        let output = directory.file("card.mp4")
        try await FilterGraphRenderer(format: format).render(
            graph: titleCardGraph(format), frames: frames,
            filterOptions: ["title": FilterGraphRenderer.literalText("INT. HOUSE – DAY")], to: output)

        #expect(try Probe.packetCount(output) == frames)
        #expect(try Probe.decodedFrameCount(output) == frames)
        let info = try Probe.info(output)
        let video = try #require(info.video)
        #expect(video.codecName == "h264")
        #expect(video.width == 320 && video.height == 180)
        #expect(video.pixelFormat == "yuv420p")
        #expect(video.frameRate.map { $0.isEquivalent(to: rate) } == true)
        #expect(video.declaredFrameCount == frames)
        #expect(video.hasBFrames == 0)
        #expect(info.startTime == 0)

        let probed = try await FFprobeVideo(output, in: directory)
        #expect(probed.readFrames == frames)
        #expect(probed.codecName == "h264")
        #expect(probed.frameRate == "\(rate.numerator)/\(rate.denominator)")
        #expect(probed.pixelFormat == "yuv420p")
        #expect(probed.hasBFrames == 0)
        #expect(try await decodeErrors(output, in: directory) == "")
    }

    @Test("the same inputs give the same bytes; different text gives different bytes")
    func deterministic() throws {
        let directory = try Scratch()
        let renderer = FilterGraphRenderer(format: smallHouse)
        let awkward = "It's 50% done: [ok]; \\ \"quoted\" %{pts} ,= \n second line"
        let first = directory.file("a.mp4")
        let second = directory.file("b.mp4")
        let other = directory.file("c.mp4")
        for url in [first, second] {
            try renderer.render(
                graph: titleCardGraph(smallHouse), frames: 24,
                filterOptions: ["title": FilterGraphRenderer.literalText(awkward)], to: url)
        }
        try renderer.render(
            graph: titleCardGraph(smallHouse), frames: 24,
            filterOptions: ["title": FilterGraphRenderer.literalText("something else")], to: other)
        let bytes = try Data(contentsOf: first)
        #expect(bytes == (try Data(contentsOf: second)))
        #expect(bytes != (try Data(contentsOf: other)))
        // Bit-exact muxing: no library version string in the file.
        #expect(bytes.range(of: Data("Lavf".utf8)) == nil)
    }

    @Test("a source shorter than the frame count holds its last frame")
    func holdsLastFrame() async throws {
        let directory = try Scratch()
        let output = directory.file("short.mp4")
        try await FilterGraphRenderer(format: smallHouse).render(
            graph: "color=c=red:s=320x180:r=24:d=0.5", frames: 30, to: output)
        #expect(try Probe.packetCount(output) == 30)
        #expect(try await FFprobeVideo(output, in: directory).readFrames == 30)
    }

    @Test("a graph of another size is refused, and leaves no file")
    func wrongSize() throws {
        let directory = try Scratch()
        let output = directory.file("wrong.mp4")
        #expect {
            try FilterGraphRenderer(format: smallHouse).render(
                graph: "color=c=red:s=160x90:r=24", frames: 5, to: output)
        } throws: { error in
            guard case MediaError.invalidArgument(let text) = error else { return false }
            return text.contains("160x90")
        }
        #expect(try directory.contents() == [])
    }

    @Test("a graph FFmpeg cannot parse fails with the call, code and FFmpeg's message")
    func badGraph() throws {
        let directory = try Scratch()
        let output = directory.file("bad.mp4")
        let error = try #require(throws: MediaError.self) {
            try FilterGraphRenderer(format: smallHouse).render(graph: "nosuchfilter=1", frames: 5, to: output)
        }
        guard case let .ffmpeg(call, code, message, log) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(call.hasPrefix("avfilter_graph_parse_ptr"))
        #expect(code < 0)
        #expect(!message.isEmpty)
        #expect(log.contains("nosuchfilter"))
        #expect(error.description.contains("avfilter_graph_parse_ptr"))
        #expect(try directory.contents() == [])
    }

    @Test("options for a filter instance the graph lacks are refused")
    func unknownInstance() throws {
        let directory = try Scratch()
        #expect(throws: MediaError.self) {
            try FilterGraphRenderer(format: smallHouse).render(
                graph: titleCardGraph(smallHouse), frames: 5,
                filterOptions: ["subtitle": FilterGraphRenderer.literalText("x")], to: directory.file("x.mp4"))
        }
        #expect(try directory.contents() == [])
    }
}

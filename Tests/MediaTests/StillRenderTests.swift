import Foundation
import Media
import Testing
import TestSupport

@Suite("FilterGraphRenderer.renderStill")
struct StillRenderTests {
    /// Each video packet's timestamp, keyframe flag and SHA-256 of its bytes, by ffprobe.
    private func packets(_ file: URL, in directory: Scratch) async throws -> [(pts: Int, key: Bool, hash: String)] {
        let json = try await ffprobe(
            ["-select_streams", "v", "-show_data_hash", "sha256", "-show_entries", "packet=pts,flags,data_hash"], file,
            in: directory)
        let packets = try #require(json["packets"] as? [[String: Any]])
        return packets.map {
            ($0["pts"] as? Int ?? -1, ($0["flags"] as? String ?? "").hasPrefix("K"), $0["data_hash"] as? String ?? "")
        }
    }

    private let options = ["title": FilterGraphRenderer.literalText("INT. HOUSE – DAY")]

    @Test("a held picture is encoded for one keyframe interval, which the rest of the file repeats")
    func repeatsTheFirstInterval() async throws {
        let directory = try Scratch()
        let still = directory.file("still.mp4"), whole = directory.file("whole.mp4")
        let frames = 130, interval = smallHouse.keyframeInterval
        let renderer = FilterGraphRenderer(format: smallHouse)
        try await renderer.renderStill(graph: titleCardGraph(smallHouse), frames: frames, filterOptions: options, to: still)
        try await renderer.render(graph: titleCardGraph(smallHouse), frames: frames, filterOptions: options, to: whole)

        let held = try await packets(still, in: directory), encoded = try await packets(whole, in: directory)
        try #require(held.count == frames && encoded.count == frames)
        // Every frame has its own timestamp, and a keyframe starts every interval.
        let timeBase = held[1].pts - held[0].pts
        #expect(held.map(\.pts) == (0..<frames).map { $0 * timeBase })
        #expect(held.indices.filter { held[$0].key } == Array(stride(from: 0, to: frames, by: interval)))
        // The first interval is what `render` writes; the rest are copies of it, where
        // `render` encodes each interval again (its rate control has moved on).
        #expect(held.prefix(interval).map(\.hash) == encoded.prefix(interval).map(\.hash))
        #expect(held.indices.allSatisfy { held[$0].hash == held[$0 % interval].hash })
        #expect(encoded[interval].hash != encoded[0].hash)

        #expect(try await decodeErrors(still, in: directory) == "")
        let probed = try await FFprobeVideo(still, in: directory)
        #expect(probed.readFrames == frames)
        #expect(try Probe.info(still).video?.declaredFrameCount == frames)
    }

    @Test("up to one keyframe interval, a held picture is byte for byte what render writes", arguments: [1, 30, 48])
    func shortIsTheSame(frames: Int) throws {
        let directory = try Scratch()
        let still = directory.file("still.mp4"), whole = directory.file("whole.mp4")
        let renderer = FilterGraphRenderer(format: smallHouse)
        try renderer.renderStill(graph: titleCardGraph(smallHouse), frames: frames, filterOptions: options, to: still)
        try renderer.render(graph: titleCardGraph(smallHouse), frames: frames, filterOptions: options, to: whole)
        #expect(try Data(contentsOf: still) == (try Data(contentsOf: whole)))
    }

    @Test("a graph of another size is refused, and leaves no file")
    func wrongSize() throws {
        let directory = try Scratch()
        #expect {
            try FilterGraphRenderer(format: smallHouse).renderStill(
                graph: "color=c=red:s=160x90:r=24", frames: 100, to: directory.file("wrong.mp4"))
        } throws: { error in
            guard case MediaError.invalidArgument(let text) = error else { return false }
            return text.contains("160x90")
        }
        #expect(try directory.contents() == [])
    }
}

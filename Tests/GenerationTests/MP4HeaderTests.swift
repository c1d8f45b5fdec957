import Foundation
@testable import Generation
import Media
import Testing
import TestSupport

@Suite("MP4 header reader")
struct MP4HeaderTests {
    @Test(arguments: [(160, 90, 7), (320, 180, 50)])
    func agreesWithTheProbe(width: Int, height: Int, frames: Int) async throws {
        let scratch = try Scratch()
        let file = scratch.file("clip.mp4")
        var request = GenerationRequest.all(in: plan(), format: tinyFormat)[0]
        request.format = HouseFormat(width: width, height: height, frameRate: Rational(25))
        request.content.frames = frames
        try await StoryboardRenderer().generate(request, to: file)
        let video = try #require(try Probe.info(file).video)
        let header = try #require(MP4Header.read(file.path))
        #expect(header == MP4Header(width: video.width ?? 0, height: video.height ?? 0, frames: try Probe.packetCount(file)))
        #expect(header == MP4Header(width: width, height: height, frames: frames))
    }

    @Test func readsNothingFromATruncatedOrForeignFile() async throws {
        let scratch = try Scratch()
        let file = scratch.file("clip.mp4")
        try await StoryboardRenderer().generate(GenerationRequest.all(in: plan(), format: tinyFormat)[0], to: file)
        let data = try Data(contentsOf: file)
        for length in [0, 7, 100, data.count / 2, data.count - 1] {
            try data.prefix(length).write(to: scratch.file("cut.mp4"))
            #expect(MP4Header.read(scratch.file("cut.mp4").path) == nil, "cut to \(length) bytes")
        }
        try Data(repeating: 0x41, count: 4096).write(to: scratch.file("text.mp4"))
        #expect(MP4Header.read(scratch.file("text.mp4").path) == nil)
        #expect(MP4Header.read(scratch.file("absent.mp4").path) == nil)
    }
}

import Foundation
import Media
import Testing
import TestSupport

/// A clip made by the `ffmpeg` program, unlike the house format in every way it can be.
struct ForeignClip: Sendable, CustomStringConvertible {
    var name: String
    var arguments: [String]
    var description: String { name }

    static let all: [ForeignClip] = [
        ForeignClip(
            name: "mpeg4-4x3-30fps-with-audio.mov",
            arguments: [
                "-f", "lavfi", "-i", "testsrc2=s=640x480:r=30:d=2", "-f", "lavfi", "-i", "sine=f=440:d=2",
                "-c:v", "mpeg4", "-c:a", "aac", "-shortest",
            ]),
        ForeignClip(
            name: "vp9-square-16fps.webm",
            arguments: ["-f", "lavfi", "-i", "testsrc2=s=200x200:r=16:d=1", "-c:v", "libvpx-vp9", "-deadline", "realtime"]),
        ForeignClip(
            name: "mjpeg-25fps.avi",
            arguments: ["-f", "lavfi", "-i", "testsrc2=s=352x288:r=25:d=1.2", "-c:v", "mjpeg", "-pix_fmt", "yuvj422p"]),
        ForeignClip(
            name: "h264-anamorphic-bframes.mp4",
            arguments: [
                "-f", "lavfi", "-i", "testsrc2=s=360x240:r=24000/1001:d=1", "-vf", "setsar=32/27",
                "-c:v", "libx264", "-bf", "3", "-pix_fmt", "yuv444p",
            ]),
    ]
}

@Suite("Conformer")
struct ConformTests {
    @Test("conforms foreign clips exactly, cutting long ones and holding short ones", arguments: ForeignClip.all, [20, 72])
    func conforms(clip: ForeignClip, frames: Int) async throws {
        let directory = try Scratch()
        let input = directory.file(clip.name)
        try await makeInput(clip.arguments + [input.path], in: directory)
        let output = directory.file("conformed.mp4")
        try await Conformer(format: smallHouse).conform(input, frames: frames, to: output)

        #expect(try Probe.packetCount(output) == frames)
        #expect(try Probe.decodedFrameCount(output) == frames)
        let info = try Probe.info(output)
        #expect(info.streams.count == 1)
        let video = try #require(info.video)
        #expect(video.width == 320 && video.height == 180)
        #expect(video.frameRate == Rational(24))

        let probed = try await FFprobeVideo(output, in: directory)
        #expect(probed.readFrames == frames)
        #expect(probed.streamCount == 1)
        #expect(probed.codecName == "h264")
        #expect(probed.width == 320 && probed.height == 180)
        #expect(probed.frameRate == "24/1")
        #expect(probed.pixelFormat == "yuv420p")
        #expect(probed.hasBFrames == 0)
        #expect(try await decodeErrors(output, in: directory) == "")
        let left = try directory.contents()
        #expect(left == [clip.name, "conformed.mp4"].sorted())
    }

    @Test("keeps the display aspect: pillarbox for 4:3, full frame for anamorphic 16:9")
    func aspect() async throws {
        let directory = try Scratch()
        let conformer = Conformer(format: smallHouse)
        // 320x240 square pixels is 4:3: fitted 240x180, black bars 40 pixels wide.
        let square = directory.file("square.mp4")
        try await makeInput(["-f", "lavfi", "-i", "color=c=white:s=320x240:r=24:d=0.5", "-c:v", "libx264", square.path], in: directory)
        // 360x240 with 32:27 pixels is 16:9: it fills the house frame.
        let anamorphic = directory.file("anamorphic.mp4")
        try await makeInput(
            ["-f", "lavfi", "-i", "color=c=white:s=360x240:r=24:d=0.5", "-vf", "setsar=32/27", "-c:v", "libx264",
             anamorphic.path], in: directory)

        let pillarboxed = directory.file("pillarboxed.mp4")
        try await conformer.conform(square, frames: 6, to: pillarboxed)
        let row = try await firstFrameLumaRow(pillarboxed, row: 90, width: 320, in: directory)
        try #require(row.count == 320)
        #expect(row[..<36].allSatisfy { $0 < 40 }, "left bar is black")
        #expect(row[44..<276].allSatisfy { $0 > 200 }, "picture is white")
        #expect(row[284...].allSatisfy { $0 < 40 }, "right bar is black")

        let filled = directory.file("filled.mp4")
        try await conformer.conform(anamorphic, frames: 6, to: filled)
        for line in [2, 90, 177] {
            let pixels = try await firstFrameLumaRow(filled, row: line, width: 320, in: directory)
            #expect(pixels.allSatisfy { $0 > 200 }, "row \(line) is white edge to edge")
        }
    }

    @Test("conforming is deterministic")
    func deterministic() async throws {
        let directory = try Scratch()
        let input = directory.file("input.mov")
        try await makeInput(ForeignClip.all[0].arguments + [input.path], in: directory)
        let first = directory.file("a.mp4")
        let second = directory.file("b.mp4")
        try await Conformer(format: smallHouse).conform(input, frames: 30, to: first)
        try await Conformer(format: smallHouse).conform(input, frames: 30, to: second)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
    }

    @Test("an unreadable input fails with the FFmpeg call, and leaves no file")
    func unreadable() throws {
        let directory = try Scratch()
        let input = directory.file("not-a-video.mp4")
        try Data("this is not a video".utf8).write(to: input)
        let error = try #require(throws: MediaError.self) {
            try Conformer(format: smallHouse).conform(input, frames: 10, to: directory.file("out.mp4"))
        }
        guard case let .ffmpeg(call, _, _, _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(call.hasPrefix("avformat_open_input"))
        #expect(try directory.contents() == ["not-a-video.mp4"])
    }

    @Test("a file without video is refused")
    func audioOnly() async throws {
        let directory = try Scratch()
        let input = directory.file("tone.m4a")
        try await makeInput(["-f", "lavfi", "-i", "sine=d=0.5", "-c:a", "aac", input.path], in: directory)
        #expect(throws: MediaError.noVideoStream(file: input.path)) {
            try Conformer(format: smallHouse).conform(input, frames: 10, to: directory.file("out.mp4"))
        }
        #expect(try directory.contents() == ["tone.m4a"])
    }
}

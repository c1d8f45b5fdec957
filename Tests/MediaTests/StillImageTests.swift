import Foundation
import Media
import Testing
import TestSupport

@Suite("Frame grabs, still images and contact sheets")
struct StillImageTests {
    /// 80 grey frames that step with the frame number: frame n is 10 + 3n before 4:2:0
    /// encoding, so neighbouring frames differ by about three levels.
    static func rampClip(in directory: Scratch) throws -> URL {
        let clip = directory.file("ramp.mp4")
        try FilterGraphRenderer(format: smallHouse).render(
            graph: "color=c=black:s=320x180:r=24,format=rgb24,geq=r='10+3*N':g='10+3*N':b='10+3*N'",
            frames: 80, to: clip)
        return clip
    }

    /// Frame `index` of `file` decoded by the `ffmpeg` program and scaled to `width`×`height` RGB.
    static func ffmpegFrame(_ file: URL, index: Int, width: Int, height: Int, in directory: Scratch)
        async throws -> RGBImage
    {
        let raw = directory.file("frame-\(UUID().uuidString).rgb")
        try await makeInput(
            ["-i", file.path, "-vf", "select=eq(n\\,\(index)),scale=\(width):\(height),format=rgb24",
             "-frames:v", "1", "-f", "rawvideo", raw.path], in: directory)
        return try #require(RGBImage(width: width, height: height, pixels: Array(try Data(contentsOf: raw))))
    }

    static func distance(_ a: (red: Double, green: Double, blue: Double), _ b: (red: Double, green: Double, blue: Double))
        -> Double
    {
        max(abs(a.red - b.red), abs(a.green - b.green), abs(a.blue - b.blue))
    }

    @Test("grabs exactly the asked frame, before and after keyframes and past the end", arguments: [0, 30, 47, 48, 60, 79])
    func grabsTheFrame(index: Int) async throws {
        let directory = try Scratch()
        let clip = try Self.rampClip(in: directory)
        let grabbed = try await FrameGrab.frame(clip, at: index, width: 64, height: 36)
        #expect(grabbed.width == 64 && grabbed.height == 36 && grabbed.pixels.count == 64 * 36 * 3)
        let expected = try await Self.ffmpegFrame(clip, index: index, width: 64, height: 36, in: directory)
        #expect(Self.distance(grabbed.meanColour(), expected.meanColour()) < 1.2)
        // The ramp's neighbours are about three levels away: the grab is not off by one.
        for neighbour in [index - 1, index + 1] where (0..<80).contains(neighbour) {
            let other = try await Self.ffmpegFrame(clip, index: neighbour, width: 64, height: 36, in: directory)
            #expect(Self.distance(grabbed.meanColour(), other.meanColour()) > 1.5)
        }
    }

    @Test("past the end, the last frame")
    func pastTheEnd() async throws {
        let directory = try Scratch()
        let clip = try Self.rampClip(in: directory)
        let grabbed = try await FrameGrab.frame(clip, at: 500, width: 32, height: 18)
        let last = try await Self.ffmpegFrame(clip, index: 79, width: 32, height: 18, in: directory)
        #expect(Self.distance(grabbed.meanColour(), last.meanColour()) < 1.2)
    }

    @Test("a file without video is refused")
    func noVideo() async throws {
        let directory = try Scratch()
        let audio = directory.file("tone.m4a")
        try await makeInput(["-f", "lavfi", "-i", "sine=d=0.5", audio.path], in: directory)
        #expect(throws: MediaError.noVideoStream(file: audio.path)) {
            try FrameGrab.frame(audio, at: 0, width: 32, height: 18)
        }
    }

    static func gradient(width: Int, height: Int) -> RGBImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                pixels += [UInt8(x * 255 / max(1, width - 1)), UInt8(y * 255 / max(1, height - 1)), 0x40]
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)!
    }

    @Test("PNG is lossless and ffprobe reads its size")
    func png() async throws {
        let directory = try Scratch()
        let image = Self.gradient(width: 97, height: 41)
        let data = try ImageCodec.png(image)
        let file = directory.file("g.png")
        try data.write(to: file)
        let probed = try await FFprobeVideo(file, in: directory)
        #expect(probed.codecName == "png" && probed.width == 97 && probed.height == 41)
        #expect(try ImageCodec.decode(data) == image)
    }

    @Test("JPEG is close to the picture and ffprobe reads its size")
    func jpeg() async throws {
        let directory = try Scratch()
        let image = RGBImage(width: 64, height: 36, red: 200, green: 40, blue: 90)
        let data = try ImageCodec.jpeg(image)
        let file = directory.file("c.jpg")
        try data.write(to: file)
        let probed = try await FFprobeVideo(file, in: directory)
        #expect(probed.codecName == "mjpeg" && probed.width == 64 && probed.height == 36)
        let decoded = try ImageCodec.decode(data)
        #expect(decoded.width == 64 && decoded.height == 36)
        #expect(Self.distance(decoded.meanColour(), image.meanColour()) < 3)
        #expect(throws: MediaError.self) { try ImageCodec.decode(Data("not an image".utf8)) }
    }

    @Test("a contact sheet: the grid's size, each picture in its cell, captions under them")
    func contactSheet() async throws {
        let directory = try Scratch()
        let sheet = ContactSheet(
            columns: 3, cellWidth: 112, cellHeight: 63, captionHeight: 16, spacing: 4, fontFile: fontFile, fontSize: 11)
        let colours: [(UInt8, UInt8, UInt8)] = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0), (0, 255, 255), (90, 90, 90), (255, 0, 255)]
        let cells = colours.enumerated().map { index, colour in
            // One picture at another size, to be scaled into its cell.
            let size = index == 2 ? (224, 126) : (112, 63)
            return (image: RGBImage(width: size.0, height: size.1, red: colour.0, green: colour.1, blue: colour.2),
                    caption: index == 5 ? "" : "1\(index)A 01:00:0\(index):00")
        }
        let page = try sheet.compose(cells)
        #expect(page.width == 4 + 3 * 116 && page.height == 4 + 3 * (63 + 16 + 4))
        #expect(sheet.size(for: 7) == (page.width, page.height))
        for (index, colour) in colours.enumerated() {
            let (x, y) = sheet.origin(of: index)
            let mean = page.meanColour(x: x, y: y, width: 112, height: 63)
            #expect(Self.distance(mean, (Double(colour.0), Double(colour.1), Double(colour.2))) < 2, "cell \(index)")
            let caption = page.meanColour(x: x, y: y + 63, width: 112, height: 16)
            let background = Double(ContactSheet.background.red)
            if index == 5 {
                #expect(caption.red == background, "an empty caption draws nothing")
            } else {
                #expect(caption.red > background + 4, "cell \(index) has no caption")
            }
        }
        let file = directory.file("sheet.png")
        try ImageCodec.png(page).write(to: file)
        let probed = try await FFprobeVideo(file, in: directory)
        #expect(probed.codecName == "png" && probed.width == page.width && probed.height == page.height)
    }

    @Test("a missing font is refused before drawing")
    func missingFont() throws {
        let sheet = ContactSheet(
            columns: 2, cellWidth: 16, cellHeight: 9, captionHeight: 12, spacing: 2, fontFile: "/no/such/font.ttf",
            fontSize: 10)
        #expect(throws: MediaError.invalidArgument("font file /no/such/font.ttf is not readable")) {
            try sheet.compose([(RGBImage(width: 16, height: 9), "x")])
        }
    }
}

import Foundation
import Media
import Testing
import TestSupport

/// Contact sheet pages deflated in bands (`ContactSheet.png(_:pictures:)`): the page is the
/// page `compose` draws whole, pixel for pixel, whether its picture bands were kept from before or not.
@Suite("Contact sheet pages in bands")
struct ContactSheetBandTests {
    static let sheet = ContactSheet(
        columns: 3, cellWidth: 96, cellHeight: 54, captionHeight: 16, spacing: 4, fontFile: fontFile, fontSize: 11)

    /// Seven JPEG pictures, each a gradient of its own (one at twice the cell's size, scaled
    /// into it), captioned as a build captions them; the sixth caption is empty.
    static func cells(_ captions: [String]? = nil) throws -> [(image: Data, caption: String)] {
        try (0..<7).map { index in
            let (width, height) = index == 2 ? (192, 108) : (96, 54)
            var pixels = [UInt8](repeating: 0, count: width * height * 3)
            for y in 0..<height {
                for x in 0..<width {
                    let at = (y * width + x) * 3
                    pixels[at] = UInt8((x * 255) / width)
                    pixels[at + 1] = UInt8((y * 255) / height)
                    pixels[at + 2] = UInt8(truncatingIfNeeded: index * 37)
                }
            }
            let image = try #require(RGBImage(width: width, height: height, pixels: pixels))
            let caption = captions?[index] ?? (index == 5 ? "" : "\(index + 1)A  01:00:0\(index):1\(index)")
            return (try ImageCodec.jpeg(image), caption)
        }
    }

    /// The page `compose` draws from the same pictures, decoded as the sheet decodes them.
    static func whole(_ cells: [(image: Data, caption: String)], sheet: ContactSheet = sheet) throws -> RGBImage {
        try sheet.compose(try cells.map { (try ImageCodec.decode($0.image), $0.caption) })
    }

    /// `png` decoded by the `ffmpeg` program, an independent reader of the PNG.
    static func ffmpegDecoded(_ png: Data, width: Int, height: Int, in directory: Scratch) async throws -> RGBImage {
        let file = directory.file("page-\(UUID().uuidString).png")
        try png.write(to: file)
        let raw = directory.file("page-\(UUID().uuidString).rgb")
        try await makeInput(["-i", file.path, "-f", "rawvideo", "-pix_fmt", "rgb24", raw.path], in: directory)
        return try #require(RGBImage(width: width, height: height, pixels: Array(try Data(contentsOf: raw))))
    }

    @Test("a page drawn in bands is the page drawn whole, as ffmpeg decodes it; its picture bands are given back")
    func bandedPageIsTheWholePage() async throws {
        let directory = try Scratch()
        let cells = try Self.cells()
        let (png, pictures) = try await Self.sheet.png(cells)
        let expected = try Self.whole(cells)
        let decoded = try await Self.ffmpegDecoded(png, width: expected.width, height: expected.height, in: directory)
        #expect(decoded == expected)
        #expect(try await decodeErrors(directory.file("page.png").writing(png), in: directory) == "")
        #expect(pictures?.count == 3, "a picture band a row")
        // The captions are drawn: the empty one's strip alone is background.
        let (x, y) = Self.sheet.origin(of: 4)
        #expect(expected.meanColour(x: x, y: y + 54, width: 96, height: 16).red > Double(ContactSheet.background.red) + 4)
        #expect(expected.meanColour(x: Self.sheet.origin(of: 5).x, y: y + 54, width: 96, height: 16).red
            == Double(ContactSheet.background.red))

        // The pictures given back: none drawn, the same bytes.
        let again = try await Self.sheet.png(cells, pictures: pictures)
        #expect(again.png == png)
        #expect(again.pictures == nil)
    }

    @Test("captions changed, pictures given: no picture is drawn, and the page is the new page drawn whole")
    func changedCaptions() async throws {
        let directory = try Scratch()
        let first = try await Self.sheet.png(try Self.cells())
        var captions = try Self.cells().map(\.caption)
        captions[4] = "5A  01:00:09:23"
        captions[6] = "7A  01:00:10:01"
        let cells = try Self.cells(captions)
        // Pictures that are not the page's would show: the page is made of the bands given.
        let (png, drawn) = try await Self.sheet.png(cells, pictures: first.pictures)
        #expect(drawn == nil)
        let expected = try Self.whole(cells)
        #expect(try await Self.ffmpegDecoded(png, width: expected.width, height: expected.height, in: directory) == expected)
        #expect(expected != (try Self.whole(try Self.cells())), "the captions show on the page")
    }

    @Test("picture bands of the wrong number or size are drawn again")
    func wrongBands() async throws {
        let first = try await Self.sheet.png(try Self.cells())
        let pictures = try #require(first.pictures)
        // A narrower page's band (two cells: one row) is not this page's size.
        let narrow = try #require(try await Self.sheet.png(Array(try Self.cells().prefix(2))).pictures)
        for wrong in [Array(pictures.dropLast()), narrow + narrow + narrow] {
            let (png, drawn) = try await Self.sheet.png(try Self.cells(), pictures: wrong)
            #expect(png == first.png)
            #expect(drawn == pictures)
        }
    }

    @Test("a caption drawn out of its strip, or on two lines, makes the page drawn whole, and no band kept",
          arguments: [(16, "1A\nsecond line"), (4, "1A  01:00:00:00")])
    func captionOutsideItsStrip(captionHeight: Int, caption: String) async throws {
        let directory = try Scratch()
        var sheet = Self.sheet
        sheet.captionHeight = captionHeight
        var captions = try Self.cells().map(\.caption)
        captions[0] = caption
        let cells = try Self.cells(captions)
        let (png, pictures) = try await sheet.png(cells)
        #expect(pictures == nil)
        let expected = try Self.whole(cells, sheet: sheet)
        #expect(try await Self.ffmpegDecoded(png, width: expected.width, height: expected.height, in: directory) == expected)
    }

    @Test("a file of bands reads back; other bytes are refused")
    func bandFiles() async throws {
        let bands = try #require(try await Self.sheet.png(try Self.cells()).pictures)
        let file = PNGBand.file(of: bands)
        #expect(PNGBand.bands(fromFile: file) == bands)
        #expect(PNGBand.bands(fromFile: PNGBand.file(of: [])) == [])
        #expect(PNGBand.bands(fromFile: file.dropLast()) == nil)
        #expect(PNGBand.bands(fromFile: file + Data([0])) == nil)
        #expect(PNGBand.bands(fromFile: Data("PNGbands1\n".utf8)) == nil)
        #expect(PNGBand.bands(fromFile: bands[0].deflated) == nil)
    }
}

extension URL {
    /// Writes `data` here and returns the URL.
    fileprivate func writing(_ data: Data) throws -> URL {
        try data.write(to: self)
        return self
    }
}

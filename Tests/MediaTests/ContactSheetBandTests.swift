import Foundation
import Media
import Testing
import TestSupport

/// Contact sheet pages deflated in bands (`ContactSheet.png(_:kept:)`): the page is the page
/// `compose` draws whole, pixel for pixel, however many of its bands were kept from before.
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

    @Test("a page drawn in bands is the page drawn whole, as ffmpeg decodes it; every band is drawn once")
    func bandedPageIsTheWholePage() async throws {
        let directory = try Scratch()
        let cells = try Self.cells()
        let (png, drawn) = try await Self.sheet.png(cells)
        let expected = try Self.whole(cells)
        let decoded = try await Self.ffmpegDecoded(png, width: expected.width, height: expected.height, in: directory)
        #expect(decoded == expected)
        #expect(try await decodeErrors(directory.file("page.png").writing(png), in: directory) == "")
        #expect(drawn.count == 3 && drawn.allSatisfy { $0.picture != nil && $0.caption != nil })
        // The captions are drawn: the empty one's strip alone is background.
        #expect(expected.meanColour(x: Self.sheet.origin(of: 4).x, y: Self.sheet.origin(of: 4).y + 54, width: 96, height: 16).red
            > Double(ContactSheet.background.red) + 4)

        // All bands kept: nothing drawn, the same bytes.
        let again = try await Self.sheet.png(cells, kept: drawn)
        #expect(again.png == png)
        #expect(again.drawn.allSatisfy { $0.picture == nil && $0.caption == nil })
    }

    @Test("one caption changed: only its row's caption band is drawn, and the page is the new page drawn whole")
    func oneChangedCaption() async throws {
        let directory = try Scratch()
        let first = try await Self.sheet.png(try Self.cells())
        var captions = try Self.cells().map(\.caption)
        captions[4] = "5A  01:00:09:23"
        let cells = try Self.cells(captions)
        var kept = first.drawn
        kept[1].caption = nil  // what the cache holds: the changed row's captions are keyed anew
        let (png, drawn) = try await Self.sheet.png(cells, kept: kept)
        #expect(drawn.map { $0.picture == nil } == [true, true, true])
        #expect(drawn.map { $0.caption == nil } == [true, false, true])
        let expected = try Self.whole(cells)
        #expect(try await Self.ffmpegDecoded(png, width: expected.width, height: expected.height, in: directory) == expected)
        #expect(expected != (try Self.whole(try Self.cells())), "the caption shows on the page")
    }

    @Test("a kept band of the wrong size is drawn again")
    func wrongSizedBand() async throws {
        let first = try await Self.sheet.png(try Self.cells())
        var kept = first.drawn
        kept[0].picture = first.drawn[0].caption
        let (png, drawn) = try await Self.sheet.png(try Self.cells(), kept: kept)
        #expect(png == first.png)
        #expect(drawn[0].picture == first.drawn[0].picture && drawn[0].caption == nil)
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
        let (png, drawn) = try await sheet.png(cells)
        #expect(drawn.isEmpty)
        let expected = try Self.whole(cells, sheet: sheet)
        #expect(try await Self.ffmpegDecoded(png, width: expected.width, height: expected.height, in: directory) == expected)
    }

    @Test("a band's file form reads back; other bytes are refused")
    func bandFiles() async throws {
        let band = try #require(try await Self.sheet.png(try Self.cells()).drawn[0].picture)
        #expect(PNGBand(fileData: band.fileData) == band)
        #expect(PNGBand(fileData: Data("PNGband1".utf8)) == nil)
        #expect(PNGBand(fileData: band.deflated) == nil)
    }
}

extension URL {
    /// Writes `data` here and returns the URL.
    fileprivate func writing(_ data: Data) throws -> URL {
        try data.write(to: self)
        return self
    }
}

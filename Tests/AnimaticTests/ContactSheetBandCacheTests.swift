import Foundation
import Generation
import Media
import Testing
import TestSupport
@testable import Animatic

/// The bands of contact sheet pages in the cache (`ContactSheetBands`): a page whose captions
/// changed deflates only their bands, and a damaged band is drawn again.
@Suite("Contact sheet bands in the cache")
struct ContactSheetBandCacheTests {
    static let layout = ContactSheetExport.layout(thumbnail: FrameSize(width: 64, height: 36))

    /// Eight cells (two rows of the sheet's six), each a JPEG of its own colour, with the
    /// identity and caption a build gives it; `later` moves the last two captions on, as an
    /// edit before them does.
    static func cells(later: Bool = false) throws -> [(image: Data, identity: String, caption: String)] {
        try (0..<8).map { index in
            let image = RGBImage(width: 64, height: 36, red: UInt8(index * 30), green: 200, blue: UInt8(255 - index * 30))
            let frame = later && index >= 6 ? 20 : 10
            return (try ImageCodec.jpeg(image), "thumb-\(index).jpg 1000", "\(index + 1)A  01:00:0\(index):\(frame)")
        }
    }

    /// The band files in `cache`, by name, with their modification times.
    static func bands(_ cache: URL) throws -> [String: Date] {
        let sheets = cache.appendingPathComponent("sheets")
        let files = FileManager.default.enumerator(atPath: sheets.path)?.allObjects as? [String] ?? []
        var dates: [String: Date] = [:]
        for file in files where file.hasSuffix(".band") {
            dates[file] = try FileManager.default.attributesOfItem(atPath: sheets.appendingPathComponent(file).path)[.modificationDate] as? Date
        }
        return dates
    }

    /// The page `compose` draws whole from `cells`.
    static func whole(_ cells: [(image: Data, identity: String, caption: String)]) throws -> RGBImage {
        try layout.compose(try cells.map { (try ImageCodec.decode($0.image), $0.caption) })
    }

    @Test("a page whose last row's captions moved deflates only that row's caption band")
    func onlyTheChangedCaptionBand() async throws {
        let directory = try Scratch()
        let cache = ClipCache(directory: directory.file("cache"))
        let (first, drawn) = try await ContactSheetExport.draw(try Self.cells(), layout: Self.layout, cache: cache)
        #expect(drawn)
        let before = try Self.bands(cache.directory)
        #expect(before.count == 4, "two rows: a picture band and a caption band each")
        #expect(try ImageCodec.decode(try Data(contentsOf: first)) == (try Self.whole(try Self.cells())))
        try await Task.sleep(for: .milliseconds(20))

        let (second, drawnAgain) = try await ContactSheetExport.draw(try Self.cells(later: true), layout: Self.layout, cache: cache)
        #expect(drawnAgain && second != first)
        let after = try Self.bands(cache.directory)
        #expect(after.count == 5, "one band more: the second row's captions")
        #expect(before.allSatisfy { after[$0.key] == $0.value }, "a band already kept was written again")
        #expect(try ImageCodec.decode(try Data(contentsOf: second)) == (try Self.whole(try Self.cells(later: true))))
    }

    @Test("a band whose content no longer matches its digest is discarded and drawn again")
    func corruptBandIsDrawnAgain() async throws {
        let directory = try Scratch()
        let cache = ClipCache(directory: directory.file("cache"))
        let (page, _) = try await ContactSheetExport.draw(try Self.cells(), layout: Self.layout, cache: cache)
        let pageBytes = try Data(contentsOf: page)
        let sheets = cache.directory.appendingPathComponent("sheets")
        for name in try Self.bands(cache.directory).keys {
            let url = sheets.appendingPathComponent(name)
            chmod(url.path, 0o644)
            var bytes = try Data(contentsOf: url)
            bytes[bytes.count - 3] ^= 0xFF
            try bytes.write(to: url)
        }
        cache.discard(page)
        let (again, drawn) = try await ContactSheetExport.draw(try Self.cells(), layout: Self.layout, cache: cache)
        #expect(drawn)
        #expect(try Data(contentsOf: again) == pageBytes, "the page was made of a damaged band")
        for name in try Self.bands(cache.directory).keys {
            #expect(cache.verify(sheets.appendingPathComponent(name)) == nil, "\(name) was not drawn again")
        }
    }
}

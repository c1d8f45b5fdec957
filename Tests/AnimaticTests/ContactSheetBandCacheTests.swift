import Foundation
import Generation
import Media
import Testing
import TestSupport
@testable import Animatic

/// The picture bands of contact sheet pages in the cache (`ContactSheetBands`): a page whose
/// captions changed draws no picture again, and a damaged entry is drawn again.
@Suite("Contact sheet picture bands in the cache")
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

    /// The files in `cache`'s sheet store ending in `suffix`, by name, with their modification times.
    static func files(_ cache: ClipCache, _ suffix: String) throws -> [String: Date] {
        let sheets = cache.directory.appendingPathComponent("sheets")
        let files = FileManager.default.enumerator(atPath: sheets.path)?.allObjects as? [String] ?? []
        var dates: [String: Date] = [:]
        for file in files where file.hasSuffix(suffix) {
            dates[file] = try FileManager.default.attributesOfItem(atPath: sheets.appendingPathComponent(file).path)[.modificationDate] as? Date
        }
        return dates
    }

    /// The page `compose` draws whole from `cells`.
    static func whole(_ cells: [(image: Data, identity: String, caption: String)]) throws -> RGBImage {
        try layout.compose(try cells.map { (try ImageCodec.decode($0.image), $0.caption) })
    }

    @Test("a page whose captions moved is drawn with the pictures kept, which are not written again")
    func picturesKeptWhenCaptionsMove() async throws {
        let directory = try Scratch()
        let cache = ClipCache(directory: directory.file("cache"))
        let (first, drawn) = try await ContactSheetExport.draw(try Self.cells(), layout: Self.layout, cache: cache)
        #expect(drawn)
        let bands = try Self.files(cache, ".bands")
        #expect(bands.count == 1, "one entry of picture bands for the page")
        #expect(try ImageCodec.decode(try Data(contentsOf: first)) == (try Self.whole(try Self.cells())))
        try await Task.sleep(for: .milliseconds(20))

        let (second, drawnAgain) = try await ContactSheetExport.draw(try Self.cells(later: true), layout: Self.layout, cache: cache)
        #expect(drawnAgain && second != first)
        #expect(try Self.files(cache, ".bands") == bands, "the pictures were drawn again")
        #expect(try Self.files(cache, ".png").count == 2)
        #expect(try ImageCodec.decode(try Data(contentsOf: second)) == (try Self.whole(try Self.cells(later: true))))
    }

    @Test("picture bands whose content no longer matches their digest are discarded and drawn again")
    func damagedBandsAreDrawnAgain() async throws {
        let directory = try Scratch()
        let cache = ClipCache(directory: directory.file("cache"))
        let (page, _) = try await ContactSheetExport.draw(try Self.cells(), layout: Self.layout, cache: cache)
        let pageBytes = try Data(contentsOf: page)
        let url = cache.directory.appendingPathComponent("sheets").appendingPathComponent(try #require(Self.files(cache, ".bands").keys.first))
        chmod(url.path, 0o644)
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count - 3] ^= 0xFF  // in a band's closing sync marker: the page would not decode
        try bytes.write(to: url)
        cache.discard(page)
        let (again, drawn) = try await ContactSheetExport.draw(try Self.cells(), layout: Self.layout, cache: cache)
        #expect(drawn)
        #expect(try Data(contentsOf: again) == pageBytes, "the page was made of damaged bands")
        #expect(cache.verify(url) == nil, "the damaged entry was not drawn again")
        #expect(try Data(contentsOf: url) != bytes)
    }
}

import Foundation
import Generation
import Media

/// The picture bands of a contact sheet page (`ContactSheet.png(_:pictures:)`: each row's
/// pictures, deflated) in the cache, one entry a page under a hash of the layout, the page's
/// width and its thumbnails' identities: not its captions. A one-line edit moves every later
/// record timecode, so every page after it is drawn again, but only its caption strips: the
/// pictures, most of each page's bytes and of its cost, are spliced in as they were. (Caption
/// strips are not kept: drawing one costs little more than reading and checking a file, and
/// a file for each of a feature's 290 rows cost more to create than to draw.) The entry is
/// written atomically and sealed, and read only when its content matches its recorded
/// digest; one that does not is discarded and drawn again.
struct ContactSheetBands {
    /// Bumped when a band's drawing or file form changes for the same pictures.
    static let bandVersion = 1

    let cache: ClipCache
    /// Where the page's picture bands are kept.
    let url: URL

    /// The picture bands of a page showing thumbnails of `identities` (`Thumbnails.identity`).
    init(_ identities: [String], layout sheet: ContactSheet, cache: ClipCache) {
        self.cache = cache
        var text = "contact sheet pictures \(Self.bandVersion)\n\(sheet.columns) \(sheet.cellWidth)x\(sheet.cellHeight) "
            + "\(sheet.spacing) \(sheet.size(for: identities.count).width)\n"
        for identity in identities { text += identity + "\n" }
        url = cache.sheetBandsURL(for: SHA256.hex(text.utf8))
    }

    /// The bands the cache holds, when their entry matches its recorded digest.
    func kept() -> [PNGBand]? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        if cache.verify(url) == nil, let data = RegularFile.read(url.path), let bands = PNGBand.bands(fromFile: data) {
            return bands
        }
        cache.discard(url)
        return nil
    }

    /// Keeps `bands`, the page's picture bands drawn now.
    func keep(_ bands: [PNGBand]) throws(AnimaticError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw AnimaticError(.cannotCreate, "cannot create \(url.deletingLastPathComponent().path): \(error.localizedDescription)")
        }
        try AtomicFile.write(PNGBand.file(of: bands), to: url)
        do { try cache.seal(url) } catch {
            throw AnimaticError(.cannotCreate, "cannot record the digest of \(url.path): \(error)")
        }
    }
}

import Foundation
import Generation
import Media

/// The bands of a contact sheet page's rows (`ContactSheet.RowBands`) in the cache, each under
/// a hash of what it shows: a row's picture band under the layout, the page's width and the
/// row's thumbnails' identities; its caption band under the layout, the font, the page's width
/// and the row's captions. A one-line edit moves every later record timecode, so every caption
/// band after it is drawn again, while the picture bands, most of each page's bytes, are
/// spliced as they are. Each band is written atomically and sealed, and read only when its
/// content matches its recorded digest; one that does not is discarded and drawn again.
struct ContactSheetBands {
    /// Bumped when a band's drawing or file form changes for the same content.
    static let bandVersion = 1

    let sheet: ContactSheet
    let cache: ClipCache
    /// By row: the band keys of its pictures and of its captions.
    let keys: [(picture: String, caption: String)]

    /// The bands of a page showing `cells` (each shot's thumbnail identity and caption).
    init(_ cells: [(identity: String, caption: String)], layout sheet: ContactSheet, cache: ClipCache) {
        self.sheet = sheet
        self.cache = cache
        let width = sheet.size(for: cells.count).width
        let pictureLayout = "\(sheet.columns) \(sheet.cellWidth)x\(sheet.cellHeight) \(sheet.spacing) \(width)"
        let captionLayout = pictureLayout + " \(sheet.captionHeight) \(sheet.fontSize) \(sheet.fontFile)"
        keys = stride(from: 0, to: cells.count, by: sheet.columns).map { start in
            let row = cells[start..<min(cells.count, start + sheet.columns)]
            return (Self.key("picture", pictureLayout, row.map(\.identity)), Self.key("caption", captionLayout, row.map(\.caption)))
        }
    }

    /// A hash of a band of `kind` under `layout` showing `items`, each told by its length, so
    /// that no two rows' items make one text.
    private static func key(_ kind: String, _ layout: String, _ items: [String]) -> String {
        var text = "contact sheet \(kind) band \(bandVersion)\n\(layout)\n"
        for item in items { text += "\(item.utf8.count) \(item)\n" }
        return SHA256.hex(text.utf8)
    }

    /// The bands the cache holds, by row: each read when it matches its recorded digest.
    func kept() -> [ContactSheet.RowBands] {
        keys.map { ContactSheet.RowBands(picture: read($0.picture), caption: read($0.caption)) }
    }

    /// Keeps the bands `drawn` by row (those not nil).
    func keep(_ drawn: [ContactSheet.RowBands]) throws(AnimaticError) {
        for (row, bands) in zip(keys, drawn) {
            if let band = bands.picture { try write(band, key: row.picture) }
            if let band = bands.caption { try write(band, key: row.caption) }
        }
    }

    private func read(_ key: String) -> PNGBand? {
        let url = cache.sheetBandURL(for: key)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        if cache.verify(url) == nil, let data = RegularFile.read(url.path), let band = PNGBand(fileData: data) { return band }
        cache.discard(url)
        return nil
    }

    private func write(_ band: PNGBand, key: String) throws(AnimaticError) {
        let url = cache.sheetBandURL(for: key)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw AnimaticError(.cannotCreate, "cannot create \(url.deletingLastPathComponent().path): \(error.localizedDescription)")
        }
        try AtomicFile.write(band.fileData, to: url)
        do { try cache.seal(url) } catch {
            throw AnimaticError(.cannotCreate, "cannot record the digest of \(url.path): \(error)")
        }
    }
}

import CutLists
import Foundation
import Generation
import Media

/// The contact sheet beside the video: one frame per shot in a grid of `columns` across,
/// captioned with the shot ID and record timecode in DejaVu Sans Bold. Up to
/// `shotsPerPage` shots it is one image, `film.contact.png`; a longer film's sheet is in
/// pages of `shotsPerPage` shots, `film.contact-001.png`, `film.contact-002.png`, … (a
/// feature's 1,700 shots on one page would be an image some 50,000 pixels tall).
/// Pages are drawn into the cache under a hash of what they show, so a rebuild draws only
/// the pages whose shots or captions changed, and each is placed beside the video
/// atomically (a copy of the cached page, so editing the sheet never edits the cache; a
/// copy already there, unedited, stays); pages a previous build left beyond the last are
/// removed. A cached page is copied out only when its content matches its recorded digest,
/// else it is drawn again.
///
/// Pages are drawn (`draw`, the sheet-draw steps) while the video is joined and placed
/// (`place`, the sheet-page steps) once it is made. A page's graph once held a drawtext
/// filter, with its own FreeType face, per caption: drawn two at once beside a backend's
/// encoders they made the sheet the largest stage of a feature's build (Big Fish's 29 pages:
/// 194 MB two at once, 159 MB one at a time), so no page is drawn before every clip is made.
/// A page's pictures are now kept in the cache as deflated bands (`ContactSheetBands`), and
/// its captions drawn in strips through one graph of a drawtext filter a column.
enum ContactSheetExport {
    static let columns = 6
    static let rows = 10
    static var shotsPerPage: Int { columns * rows }

    /// The grid for thumbnails of `thumbnail` size.
    static func layout(thumbnail: FrameSize) -> ContactSheet {
        ContactSheet(
            columns: columns, cellWidth: thumbnail.width, cellHeight: thumbnail.height, captionHeight: 20,
            spacing: 8, fontFile: CardFonts.dejaVuBold, fontSize: 13)
    }

    /// The files of a sheet of `pages` pages beside `video`.
    static func urls(pages: Int, video: URL) -> [URL] {
        let base = video.deletingPathExtension()
        if pages == 1 { return [base.appendingPathExtension(CutListFormat.sheet.fileExtension)] }
        return (1...max(1, pages)).map { page in
            let number = String(page)
            return base.appendingPathExtension("contact-" + String(repeating: "0", count: max(0, 3 - number.count)) + number + ".png")
        }
    }

    /// `frames` in pages of `shotsPerPage`.
    static func pages(_ frames: [ShotFrame]) -> [[ShotFrame]] {
        stride(from: 0, to: frames.count, by: shotsPerPage).map { Array(frames[$0..<min(frames.count, $0 + shotsPerPage)]) }
    }

    /// Bumped when a page's drawing changes for the same cells and layout: part of its key.
    /// 2: pages deflated in bands (`ContactSheet.png(_:pictures:)`), the same pixels in other bytes.
    static let pageVersion = 2

    /// The cache key of a page: a hash of the layout, the font, and each cell's thumbnail
    /// (`Thumbnails.identities`: a clip made again under its key redraws the page) and caption.
    static func pageKey(_ cells: [(thumbnail: String, caption: String)], layout: ContactSheet) -> String {
        var text = "contact sheet page \(pageVersion)\n\(layout.columns) \(layout.cellWidth)x\(layout.cellHeight) "
            + "\(layout.captionHeight) \(layout.spacing) \(layout.fontSize) \(layout.fontFile)\n"
        for cell in cells { text += cell.thumbnail + "\t" + cell.caption + "\n" }
        return SHA256.hex(text.utf8)
    }

    /// A page showing `cells` (each shot's thumbnail, its identity (`Thumbnails.identity`)
    /// and caption) in `cache` under its `pageKey`: drawn unless there and matching its
    /// recorded digest, with the picture bands the cache holds for its thumbnails
    /// (`ContactSheetBands`), or those drawn now, kept. Returns its place in the cache and
    /// whether it was drawn now.
    static func draw(
        _ cells: [(image: Data, identity: String, caption: String)], layout sheet: ContactSheet, cache: ClipCache
    ) async throws -> (cached: URL, drawn: Bool) {
        let cached = cache.sheetPageURL(for: pageKey(cells.map { ($0.identity, $0.caption) }, layout: sheet))
        guard cache.verify(cached) != nil else { return (cached, false) }
        cache.discard(cached)
        let bands = ContactSheetBands(cells.map(\.identity), layout: sheet, cache: cache)
        let page: (png: Data, pictures: [PNGBand]?)
        do {
            page = try await sheet.png(cells.map { ($0.image, $0.caption) }, pictures: bands.kept())
        } catch let error as CancellationError {
            throw error
        } catch {
            throw AnimaticError(.internalFailure, "cannot draw a contact sheet page: \(error)")
        }
        if let pictures = page.pictures { try bands.keep(pictures) }
        try write(page.png, to: cached, cache: cache)
        return (cached, true)
    }

    /// Places the page `cached` (checked or drawn by `draw`) at `url` beside the video,
    /// unless the copy there is current. Returns whether it was placed now.
    static func place(_ cached: URL, at url: URL) throws -> Bool {
        if AtomicFile.isCopy(url, of: cached) { return false }
        try AtomicFile.place(cached, at: url)
        return true
    }

    /// Writes a page to `url` in the cache, atomically, and seals it.
    private static func write(_ data: Data, to url: URL, cache: ClipCache) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw AnimaticError(.cannotCreate, "cannot create \(url.deletingLastPathComponent().path): \(error.localizedDescription)")
        }
        try AtomicFile.write(data, to: url)
        do { try cache.seal(url) } catch {
            throw AnimaticError(.cannotCreate, "cannot record the digest of \(url.path): \(error)")
        }
    }

    /// Removes sheet pages beside `video` that this build did not write.
    static func removeStalePages(keeping written: [URL], video: URL) {
        let directory = video.deletingLastPathComponent()
        let base = video.deletingPathExtension().lastPathComponent + ".contact"
        let kept = Set(written.map(\.lastPathComponent))
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where !kept.contains(name) && name.hasPrefix(base) && name.hasSuffix(".png") {
            let middle = name.dropFirst(base.count).dropLast(".png".count)
            let isPage = middle.isEmpty || (middle.first == "-" && middle.count >= 4 && middle.dropFirst().allSatisfy(\.isASCIIDigit))
            if isPage { try? FileManager.default.removeItem(at: directory.appendingPathComponent(name)) }
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

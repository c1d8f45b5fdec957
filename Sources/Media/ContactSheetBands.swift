import CFFmpeg
import Foundation

/// A contact sheet page as bands of rows (`PNGBand`), so that a page whose captions changed
/// deflates only its caption strips and splices the rest from bands kept before. A page of
/// `r` rows of cells is `2r + 1` bands, top to bottom: for each row its picture band (the
/// spacing above the row and its pictures, `spacing + cellHeight` rows of pixels) and its
/// caption band (`captionHeight` rows), then the spacing under the grid. A picture band
/// depends only on the layout, the page's width and the row's pictures; a caption band only
/// on the layout, the font, the page's width and the row's captions: so the page drawn band
/// by band is the page `compose` draws, pixel for pixel, as long as no caption is drawn
/// outside its strip. One that is (a glyph taller than the strip, a line break) makes its
/// page drawn whole, as `compose` draws it, and none of its bands kept.
extension ContactSheet {
    /// One row of cells' bands, each nil when it is to be drawn.
    public struct RowBands: Sendable, Hashable {
        /// The row's spacing above and pictures.
        public var picture: PNGBand?
        /// The row's caption strip.
        public var caption: PNGBand?

        /// The bands as given.
        public init(picture: PNGBand? = nil, caption: PNGBand? = nil) {
            self.picture = picture
            self.caption = caption
        }
    }

    /// How many rows of cells a page of `count` cells has.
    public func rows(for count: Int) -> Int { max(1, (count + columns - 1) / columns) }

    /// Decodes the pictures (PNG or JPEG bytes) a page needs and encodes it as PNG, on a thread
    /// of its own, from bands: `kept[row]`'s bands where given and of the right size, the others
    /// drawn now. Returns the page and, by row, the bands drawn now that may be kept (none when
    /// a caption runs out of its strip and the page is drawn whole). Cancelling the awaiting
    /// task stops it between bands.
    public func png(_ cells: [(image: Data, caption: String)], kept: [RowBands] = [])
        async throws -> (png: Data, drawn: [RowBands])
    {
        try await runOnOwnThread {
            beginOperation()
            return try bandedPage(cells, kept: kept)
        }
    }

    private func bandedPage(_ cells: [(image: Data, caption: String)], kept: [RowBands]) throws -> (png: Data, drawn: [RowBands]) {
        try checkLayout(cells.count)
        let (width, height) = size(for: cells.count)
        let rowCount = rows(for: cells.count)
        let deflater = try BandDeflater()
        let pictures = PictureBands(sheet: self, width: width)
        var captions: CaptionBands?
        var bands: [PNGBand] = []
        var drawn: [RowBands] = []
        for row in 0..<rowCount {
            try checkCancellation()
            let range = row * columns..<min(cells.count, (row + 1) * columns)
            let given = row < kept.count ? kept[row] : RowBands()
            var made = RowBands()
            let picture: PNGBand
            if let band = given.picture, band.rawCount == pictures.rawCount {
                picture = band
            } else {
                let images = try range.map { try ImageCodec.decode(cells[$0].image) }
                picture = try pictures.band(images, deflater: deflater)
                made.picture = picture
            }
            let caption: PNGBand
            if let band = given.caption, band.rawCount == captionHeight * (1 + 3 * width) {
                caption = band
            } else {
                if captions == nil { captions = try CaptionBands(sheet: self, width: width) }
                guard let band = try captions!.band(range.map { cells[$0].caption }, deflater: deflater) else {
                    return (try wholePage(cells, deflater: deflater), [])
                }
                caption = band
                made.caption = caption
            }
            bands += [picture, caption]
            drawn.append(made)
        }
        bands.append(try pictures.spacing(deflater: deflater))
        return (try BandedPNG.png(width: width, height: height, bands: bands), drawn)
    }

    /// The page drawn whole (`compose`), then deflated in the same bands.
    private func wholePage(_ cells: [(image: Data, caption: String)], deflater: BandDeflater) throws -> Data {
        let decoded = try cells.map { cell in
            try checkCancellation()
            return (image: try ImageCodec.decode(cell.image), caption: cell.caption)
        }
        let page = try drawPage(decoded)
        let (width, height) = size(for: cells.count)
        var bands: [PNGBand] = []
        var top = 0
        for _ in 0..<rows(for: cells.count) {
            bands.append(try deflater.band(of: page, from: top, rows: spacing + cellHeight))
            top += spacing + cellHeight
            if captionHeight > 0 { bands.append(try deflater.band(of: page, from: top, rows: captionHeight)) }
            top += captionHeight
        }
        if spacing > 0 { bands.append(try deflater.band(of: page, from: top, rows: spacing)) }
        return try BandedPNG.png(width: width, height: height, bands: bands)
    }
}

/// A page's picture bands, drawn in one buffer.
private struct PictureBands {
    let sheet: ContactSheet
    let width: Int
    var rows: Int { sheet.spacing + sheet.cellHeight }
    var rawCount: Int { rows * (1 + 3 * width) }

    /// The band of a row showing `images`, left to right.
    func band(_ images: [RGBImage], deflater: BandDeflater) throws(MediaError) -> PNGBand {
        let frame = try Frame(rgbWidth: width, height: rows)
        frame.fillRGB(ContactSheet.background)
        for (column, image) in images.enumerated() {
            frame.drawRGB(try sheet.fitted(image), x: sheet.origin(of: column).x, y: sheet.spacing)
        }
        return try deflater.band(of: frame, from: 0, rows: rows)
    }

    /// The spacing under the grid.
    func spacing(deflater: BandDeflater) throws(MediaError) -> PNGBand {
        let frame = try Frame(rgbWidth: width, height: max(1, sheet.spacing))
        frame.fillRGB(ContactSheet.background)
        return try deflater.band(of: frame, from: 0, rows: sheet.spacing)
    }
}

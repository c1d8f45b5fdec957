import CFFmpeg
import Foundation

/// A contact sheet page as bands of rows (`PNGBand`), so that a page whose captions changed
/// deflates only its caption strips and splices in its pictures as deflated before. A page of
/// `r` rows of cells is `2r + 1` bands, top to bottom: for each row its picture band (the
/// spacing above the row and its pictures, `spacing + cellHeight` rows of pixels) and its
/// caption band (`captionHeight` rows), then the spacing under the grid. A picture band
/// depends only on the layout, the page's width and the row's pictures; a caption band only
/// on the layout, the font, the page's width and the row's captions: so the page drawn band
/// by band is the page `compose` draws, pixel for pixel, as long as no caption is drawn
/// outside its strip. One that is (a glyph taller than the strip, a line break) makes its
/// page drawn whole, as `compose` draws it.
///
/// The picture bands are most of a page's bytes, and what costs most to make (60 pictures
/// decoded, 95% of the rows deflated); the caption strips, drawn through one graph for the
/// page, cost some 2 ms a row.
extension ContactSheet {
    /// How many rows of cells a page of `count` cells has.
    func rows(for count: Int) -> Int { max(1, (count + columns - 1) / columns) }

    /// Decodes the pictures (PNG or JPEG bytes) a page needs and encodes it as PNG, on a thread
    /// of its own, from bands: the picture bands `pictures`, one a row, when given and of the
    /// right size (else drawn now), and caption bands drawn now. Returns the page and the
    /// picture bands drawn now, to be kept for a later page showing the same pictures (nil
    /// when the given ones were used, or a caption runs out of its strip and the page is
    /// drawn whole). Cancelling the awaiting task stops it between bands.
    public func png(_ cells: [(image: Data, caption: String)], pictures: [PNGBand]? = nil)
        async throws -> (png: Data, pictures: [PNGBand]?)
    {
        try await runOnOwnThread {
            beginOperation()
            return try bandedPage(cells, pictures: pictures)
        }
    }

    private func bandedPage(_ cells: [(image: Data, caption: String)], pictures kept: [PNGBand]?)
        throws -> (png: Data, pictures: [PNGBand]?)
    {
        try checkLayout(cells.count)
        let (width, height) = size(for: cells.count)
        let rowCount = rows(for: cells.count)
        let deflater = try BandDeflater()
        let pictures = try PictureBands(sheet: self, width: width)
        let rowRanges = (0..<rowCount).map { row in row * columns..<min(cells.count, (row + 1) * columns) }
        var drawn: [PNGBand]?
        let pictureBands: [PNGBand]
        if let kept, kept.count == rowCount, kept.allSatisfy({ $0.rawCount == pictures.rawCount }) {
            pictureBands = kept
        } else {
            pictureBands = try rowRanges.map { range in
                try checkCancellation()
                return try pictures.band(try range.map { try ImageCodec.decode(cells[$0].image) }, deflater: deflater)
            }
            drawn = pictureBands
        }
        var captions = try CaptionBands(sheet: self, width: width)
        var bands: [PNGBand] = []
        for (row, range) in rowRanges.enumerated() {
            try checkCancellation()
            guard let caption = try captions.band(range.map { cells[$0].caption }, deflater: deflater) else {
                return (try wholePage(cells, deflater: deflater), nil)
            }
            bands += [pictureBands[row], caption]
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
    private let frame: Frame
    var rows: Int { sheet.spacing + sheet.cellHeight }
    var rawCount: Int { rows * (1 + 3 * width) }

    init(sheet: ContactSheet, width: Int) throws(MediaError) {
        self.sheet = sheet
        self.width = width
        frame = try Frame(rgbWidth: width, height: sheet.spacing + sheet.cellHeight)
    }

    /// The band of a row showing `images`, left to right.
    func band(_ images: [RGBImage], deflater: BandDeflater) throws(MediaError) -> PNGBand {
        frame.fillRGB(ContactSheet.background)
        for (column, image) in images.enumerated() {
            frame.drawRGB(try sheet.fitted(image), x: sheet.origin(of: column).x, y: sheet.spacing)
        }
        return try deflater.band(of: frame, from: 0, rows: rows)
    }

    /// The spacing under the grid.
    func spacing(deflater: BandDeflater) throws(MediaError) -> PNGBand {
        frame.fillRGB(ContactSheet.background)
        return try deflater.band(of: frame, from: 0, rows: sheet.spacing)
    }
}

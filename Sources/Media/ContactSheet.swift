import CFFmpeg
import Foundation

/// Pictures on one page in a grid, left to right and top to bottom, each with a line of
/// text under it, drawn by FFmpeg's `drawtext` with the given font file: white on dark grey.
public struct ContactSheet: Sendable, Hashable {
    /// Pictures a row.
    public var columns: Int
    /// The size every picture is drawn at (scaled to it when it differs).
    public var cellWidth: Int
    public var cellHeight: Int
    /// The strip under each picture that holds its caption.
    public var captionHeight: Int
    /// The space between cells and around the grid.
    public var spacing: Int
    /// The caption's font (a TrueType file, never looked up by name) and size in pixels.
    public var fontFile: String
    public var fontSize: Int

    /// A layout as given.
    public init(
        columns: Int, cellWidth: Int, cellHeight: Int, captionHeight: Int, spacing: Int, fontFile: String, fontSize: Int
    ) {
        self.columns = columns
        self.cellWidth = cellWidth
        self.cellHeight = cellHeight
        self.captionHeight = captionHeight
        self.spacing = spacing
        self.fontFile = fontFile
        self.fontSize = fontSize
    }

    /// The page's size for `count` pictures: `columns` wide (fewer when there are fewer
    /// pictures), as many rows as they fill.
    public func size(for count: Int) -> (width: Int, height: Int) {
        let across = max(1, min(columns, count))
        let rows = max(1, (count + columns - 1) / columns)
        return (spacing + across * (cellWidth + spacing), spacing + rows * (cellHeight + captionHeight + spacing))
    }

    /// Where picture `index`'s top-left corner is on the page.
    public func origin(of index: Int) -> (x: Int, y: Int) {
        (spacing + (index % columns) * (cellWidth + spacing),
         spacing + (index / columns) * (cellHeight + captionHeight + spacing))
    }

    /// The page background, and the caption strip's.
    public static let background: (red: UInt8, green: UInt8, blue: UInt8) = (0x1E, 0x1E, 0x1E)

    /// Draws `cells` (at least one) on a page of `size(for: cells.count)`. Captions are
    /// set as literal text (no escaping or `%{…}` expansion), one line at the cell's left;
    /// one wider than the cell runs into the next.
    /// - Throws: `MediaError`.
    public func compose(_ cells: [(image: RGBImage, caption: String)]) throws -> RGBImage {
        beginOperation()
        return RGBImage(rgbFrame: try drawPage(cells))
    }

    /// The page as an `AV_PIX_FMT_RGB24` frame: drawn in one buffer, captioned in place.
    func drawPage(_ cells: [(image: RGBImage, caption: String)]) throws -> Frame {
        try checkLayout(cells.count)
        let (width, height) = size(for: cells.count)
        let page = try Frame(rgbWidth: width, height: height)
        page.fillRGB(Self.background)
        for (index, cell) in cells.enumerated() {
            try checkCancellation()
            let (x, y) = origin(of: index)
            page.drawRGB(try fitted(cell.image), x: x, y: y)
        }
        let captioned = cells.indices.filter { !cells[$0].caption.isEmpty }
        guard !captioned.isEmpty else { return page }
        return try drawCaptions(on: page, cells: cells, indices: captioned)
    }

    /// Throws unless the layout can be drawn, with `count` cells and the font file.
    func checkLayout(_ count: Int) throws(MediaError) {
        guard columns > 0, cellWidth > 0, cellHeight > 0, captionHeight >= 0, spacing >= 0, fontSize > 0 else {
            throw .invalidArgument("contact sheet layout \(self)")
        }
        guard count > 0 else { throw .invalidArgument("a contact sheet needs at least one picture") }
        guard FileManager.default.isReadableFile(atPath: fontFile) else {
            throw .invalidArgument("font file \(fontFile) is not readable")
        }
    }

    func fitted(_ image: RGBImage) throws(MediaError) -> RGBImage {
        if image.width == cellWidth && image.height == cellHeight { return image }
        let frame = try image.makeFrame()
        let scaler = try PixelScaler(
            from: Int32(image.width), Int32(image.height), AV_PIX_FMT_RGB24,
            to: Int32(cellWidth), Int32(cellHeight), AV_PIX_FMT_RGB24)
        return RGBImage(rgbFrame: try scaler.convert(frame))
    }

    /// One `drawtext` instance a caption, each placed under its cell: the page goes through
    /// the graph once, and is drawn on in place.
    private func drawCaptions(on page: Frame, cells: [(image: RGBImage, caption: String)], indices: [Int])
        throws(MediaError) -> Frame
    {
        let inset = max(2, spacing / 2)
        let top = cellHeight + max(0, (captionHeight - fontSize) / 2)
        let filters = indices.map { index in
            let (x, y) = origin(of: index)
            return "drawtext@c\(index)=fontfile=\(fontFile):text=x:fontsize=\(fontSize):fontcolor=white"
                + ":x=\(x + inset):y=\(y + top)"
        }
        let options = Dictionary(uniqueKeysWithValues: indices.map { index in
            ("c\(index)", FilterGraphRenderer.literalText(cells[index].caption))
        })
        let parameters = SourceFrameParameters(
            width: page.pointer.pointee.width, height: page.pointer.pointee.height,
            pixelFormat: AV_PIX_FMT_RGB24.rawValue, timeBase: AVRational(num: 1, den: 1),
            sampleAspectRatio: AVRational(num: 1, den: 1), frameRate: AVRational(num: 0, den: 1))
        let pipeline = try FilterPipeline(
            spec: filters.joined(separator: ",") + ",format=rgb24", source: parameters, options: options)
        page.pointer.pointee.pts = 0
        try pipeline.push(page)
        try pipeline.push(nil)
        let drawn = try Frame()
        guard try pipeline.pull(into: drawn) == .frame else {
            throw .invalidArgument("the caption graph produced no frame")
        }
        return drawn
    }
}

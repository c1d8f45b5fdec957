import CFFmpeg
import Foundation

/// A page's caption strips, drawn through one filter graph: a `drawtext` filter a column, with
/// its own FreeType face loaded once for the page, its text the frame's metadata (`c0`, `c1`,
/// …: one strip a frame) rather than a filter's option, so that every strip goes through the
/// same graph. Each strip is drawn with `margin` rows of background above and under it, which
/// must stay background: a caption drawn outside its strip would, on the page, be drawn over
/// the pictures or spacing beside it, which a band of its own cannot show.
struct CaptionBands {
    private let sheet: ContactSheet
    private let width: Int
    private let pipeline: FilterPipeline
    /// Rows of background drawn above and under the strip.
    private let margin: Int
    private var count: Int64 = 0

    init(sheet: ContactSheet, width: Int) throws(MediaError) {
        self.sheet = sheet
        self.width = width
        margin = 2 * sheet.fontSize
        // Where `drawCaptions` places a caption on the page, less the strip's top.
        let top = margin + max(0, (sheet.captionHeight - sheet.fontSize) / 2)
        let inset = max(2, sheet.spacing / 2)
        let filters = (0..<sheet.columns).map { column in
            "drawtext@c\(column)=fontfile=\(sheet.fontFile):text=x:fontsize=\(sheet.fontSize):fontcolor=white"
                + ":x=\(sheet.origin(of: column).x + inset):y=\(top)"
        }
        // The metadata's value is put in as it is: no `%{…}` in a caption is expanded.
        let options = Dictionary(uniqueKeysWithValues: (0..<sheet.columns).map { column in
            ("c\(column)", ["text": "%{metadata:c\(column)}", "expansion": "normal"])
        })
        let parameters = SourceFrameParameters(
            width: Int32(width), height: Int32(sheet.captionHeight + 2 * margin),
            pixelFormat: AV_PIX_FMT_RGB24.rawValue, timeBase: AVRational(num: 1, den: 1),
            sampleAspectRatio: AVRational(num: 1, den: 1), frameRate: AVRational(num: 0, den: 1))
        pipeline = try FilterPipeline(
            spec: filters.joined(separator: ",") + ",format=rgb24", source: parameters, options: options)
    }

    /// The strip of a row whose cells, left to right, have `captions`; nil when one is drawn
    /// outside the strip, or may be (a line break).
    mutating func band(_ captions: [String], deflater: BandDeflater) throws(MediaError) -> PNGBand? {
        if captions.contains(where: { $0.contains(where: \.isNewline) }) { return nil }
        let strip = try Frame(rgbWidth: width, height: sheet.captionHeight + 2 * margin)
        strip.fillRGB(ContactSheet.background)
        for (column, caption) in captions.enumerated() where !caption.isEmpty {
            try check(av_dict_set(&strip.pointer.pointee.metadata, "c\(column)", caption, 0), "av_dict_set")
        }
        strip.pointer.pointee.pts = count
        count += 1
        try pipeline.push(strip)
        let drawn = try Frame()
        guard try pipeline.pull(into: drawn) == .frame else { throw .invalidArgument("the caption graph produced no frame") }
        guard onlyBackground(drawn, rows: 0..<margin),
            onlyBackground(drawn, rows: margin + sheet.captionHeight..<sheet.captionHeight + 2 * margin)
        else { return nil }
        return try deflater.band(of: drawn, from: margin, rows: sheet.captionHeight)
    }

    /// Whether `rows` of `frame` are all the background colour.
    private func onlyBackground(_ frame: Frame, rows: Range<Int>) -> Bool {
        let stride = Int(frame.pointer.pointee.linesize.0)
        let data = frame.pointer.pointee.data.0!
        let background = ContactSheet.background
        defer { withExtendedLifetime(frame) {} }
        for row in rows {
            var pixel = data + row * stride
            for _ in 0..<width {
                if pixel[0] != background.red || pixel[1] != background.green || pixel[2] != background.blue { return false }
                pixel += 3
            }
        }
        return true
    }
}

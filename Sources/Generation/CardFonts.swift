import Foundation

/// The font files the storyboard draws with, given by path (never looked up through
/// fontconfig, so every machine with the same files draws the same pixels).
public struct CardFonts: Sendable, Hashable, Codable {
    /// The regular face for Latin text (DejaVu Sans).
    public var regular: String
    /// The bold face for Latin text (DejaVu Sans Bold).
    public var bold: String
    /// A face with CJK glyphs, for cards whose text needs it; nil when none is installed,
    /// and such text then falls back to `regular` (and shows missing glyphs).
    public var cjk: String?

    /// The given faces.
    public init(regular: String, bold: String, cjk: String?) {
        self.regular = regular
        self.bold = bold
        self.cjk = cjk
    }

    /// Debian's DejaVu Sans (package `fonts-dejavu-core`).
    public static let dejaVuRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    /// Debian's DejaVu Sans Bold (package `fonts-dejavu-core`).
    public static let dejaVuBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    /// CJK faces tried in order: WenQuanYi Zen Hei (package `fonts-wqy-zenhei`), then Noto
    /// Sans CJK (package `fonts-noto-cjk`).
    public static let cjkCandidates = [
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    ]

    /// DejaVu, and the first CJK face installed.
    public static func system() -> CardFonts {
        CardFonts(
            regular: dejaVuRegular, bold: dejaVuBold,
            cjk: cjkCandidates.first { FileManager.default.isReadableFile(atPath: $0) })
    }

    /// The regular and bold faces to draw `texts` with: the CJK face for both when any of
    /// them holds a wide character and one is installed, else the Latin faces.
    func faces(for texts: [String]) -> (regular: String, bold: String) {
        let needsCJK = texts.contains { text in text.contains { TextWrap.columns(of: $0) == 2 } }
        return needsCJK ? (cjk ?? regular, cjk ?? bold) : (regular, bold)
    }

    /// Every font file, for the dependency file.
    public var files: [String] { [regular, bold] + (cjk.map { [$0] } ?? []) }
}

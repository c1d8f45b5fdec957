/// The reel, clip-name and media-path conventions of the editing system an EDL is for.
public enum EDLFlavor: String, CaseIterable, Hashable, Sendable {
    /// Avid Media Composer: conforms on reel and source timecode; unique reels, media path
    /// as `* FROM CLIP:`.
    case avid
    /// Adobe Premiere Pro: every reel `AX`, clips matched by `* FROM CLIP NAME:` (the file
    /// name); no path comments, which make Premiere name the media "UNKNOWN".
    case premiere
    /// DaVinci Resolve: conforms on reel and source timecode or file name; unique reels,
    /// media path as `* FROM FILE:`.
    case resolve

    /// The comment that carries a clip's media path, if the flavour writes one.
    var pathComment: String? {
        switch self {
        case .avid: "FROM CLIP"
        case .premiere: nil
        case .resolve: "FROM FILE"
        }
    }

    /// The reel a clip goes under.
    func reel(_ clip: TimelineClip) -> String {
        self == .premiere ? "AX" : clip.reel
    }
}

/// What quality control measured in one clip (docs/qc.md): the figures a verdict is drawn
/// from, kept apart from any threshold so that a new threshold needs no new analysis.
public struct ClipMeasures: Sendable, Codable, Hashable {
    /// Frames decoded.
    public var frames: Int
    /// The clip's frame size.
    public var width: Int
    public var height: Int
    /// The clip's length in seconds (frames at its frame rate).
    public var seconds: Double
    /// Seconds of (almost) black picture, from `blackdetect`.
    public var blackSeconds: Double
    /// Seconds of frozen picture (no change for at least half a second), from `freezedetect`.
    public var frozenSeconds: Double
    /// The largest scene-change score (0–100) between two frames, from `scdet`.
    public var sceneChange: Double
    /// When that change happens, in seconds from the clip's start.
    public var sceneChangeAt: Double
    /// The mean frame-to-frame swing of average brightness that reverses direction, in
    /// 8-bit levels (the second difference of `signalstats`' YAVG, halved): 0 for steady
    /// light and for a fade, the swing itself for light alternating frame to frame.
    public var flicker: Double
    /// The mean blur of the frames, from `blurdetect` (about 1–2 for a sharp picture,
    /// larger the softer it is; 0 when no frame had edges to measure).
    public var blur: Double

    /// Measures as given.
    public init(
        frames: Int, width: Int, height: Int, seconds: Double, blackSeconds: Double, frozenSeconds: Double,
        sceneChange: Double, sceneChangeAt: Double, flicker: Double, blur: Double
    ) {
        self.frames = frames
        self.width = width
        self.height = height
        self.seconds = seconds
        self.blackSeconds = blackSeconds
        self.frozenSeconds = frozenSeconds
        self.sceneChange = sceneChange
        self.sceneChangeAt = sceneChangeAt
        self.flicker = flicker
        self.blur = blur
    }
}

/// The one format every clip of a timeline is conformed to, so that clips join by remux.
///
/// Size and frame rate vary per project; everything else is fixed: 8-bit 4:2:0 pixels
/// (`yuv420p`), H.264 from libx264 with one preset, a constant quality, no B-frames, a
/// keyframe every `keyframeInterval` frames and no scene-cut keyframes, and a fixed encoder
/// thread count (x264's output depends on its thread count, not on the machine's cores).
/// The same frames in the same house format therefore give the same bytes.
public struct HouseFormat: Sendable, Codable, Hashable {
    /// Frame width in pixels (even).
    public var width: Int
    /// Frame height in pixels (even).
    public var height: Int
    /// Frames per second as an exact rational: 24, 25, 24000/1001, 30000/1001.
    public var frameRate: Rational

    /// A house format of `width`×`height` at `frameRate`.
    public init(width: Int, height: Int, frameRate: Rational) {
        self.width = width
        self.height = height
        self.frameRate = frameRate
    }

    /// The pixel format of every encoded frame.
    public static let pixelFormatName = "yuv420p"
    /// The encoder.
    public static let encoderName = "libx264"
    /// The x264 preset.
    public static let preset = "veryfast"
    /// The x264 constant rate factor.
    public static let crf = 23
    /// x264's rate-control lookahead, in frames: none. It held some 30 MB an encoder at
    /// 1280×720 (two renders at once are most of a build's memory), for a compression gain
    /// that storyboard cards, mostly still, do not need.
    public static let lookahead = 0
    /// Encoder threads: fixed, since x264's bitstream depends on the thread count.
    public static let encoderThreads = 2

    /// Frames between keyframes: two seconds' worth, rounded.
    public var keyframeInterval: Int {
        max(1, Int((2 * frameRate.doubleValue).rounded()))
    }

    /// One frame's duration in seconds, as a rational (1001/24000 at 23.976).
    public var frameDuration: Rational { frameRate.reciprocal }

    /// Everything that shapes the encoded bytes besides the frames themselves, as text:
    /// fit for a cache key.
    public var encoderSettings: String {
        "\(Self.encoderName) preset=\(Self.preset) crf=\(Self.crf) bf=0 g=\(keyframeInterval) "
            + "keyint_min=\(keyframeInterval) sc_threshold=0 rc-lookahead=\(Self.lookahead) threads=\(Self.encoderThreads) "
            + "pix_fmt=\(Self.pixelFormatName) size=\(width)x\(height) rate=\(frameRate)"
    }

    /// Throws `MediaError.invalidArgument` unless the size is positive and even (4:2:0
    /// needs even dimensions) and the rate positive.
    public func validate() throws(MediaError) {
        guard width > 0, height > 0, width % 2 == 0, height % 2 == 0 else {
            throw .invalidArgument("house size must be positive and even, not \(width)x\(height)")
        }
        guard frameRate.numerator > 0, frameRate.denominator > 0 else {
            throw .invalidArgument("house frame rate must be positive, not \(frameRate)")
        }
    }
}

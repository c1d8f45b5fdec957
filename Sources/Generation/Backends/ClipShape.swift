import Foundation
import Planning

/// How many frames a backend makes for a given length.
public enum FrameCountRule: String, Sendable, Hashable, Codable {
    /// As many frames as the length takes at the backend's rate, rounded.
    case exact
    /// `4·ceil(d·f/4)+1` for `d` seconds at `f` fps, as Wan2.2 requires (5 s at 16 fps: 81).
    case fourNPlusOne
}

/// The sizes, rate and frame counts a backend makes; the shape of each clip follows from
/// the request and this.
public struct OutputProfile: Sendable, Hashable {
    /// The sizes the backend makes; nil when it makes the request's size.
    public var sizes: [FrameSize]?
    /// The rate the backend makes, in frames per second; nil for the timeline's rate.
    public var frameRate: Int?
    /// How frame counts are rounded.
    public var frameCount: FrameCountRule

    /// A profile as listed.
    public init(sizes: [FrameSize]? = nil, frameRate: Int? = nil, frameCount: FrameCountRule = .exact) {
        self.sizes = sizes
        self.frameRate = frameRate
        self.frameCount = frameCount
    }

    /// `sizes=1280x720,832x480 fps=16 frames=fourNPlusOne`, for settings.
    var settingsText: String {
        "sizes=\(sizes.map { $0.map(\.description).joined(separator: ",") } ?? "any") "
            + "fps=\(frameRate.map(String.init) ?? "timeline") frames=\(frameCount.rawValue)"
    }

    /// The clip to ask the backend for, for `request`.
    func shape(for request: GenerationRequest) -> ClipShape {
        let content = request.content
        let rate = content.frameRate
        let requested = FrameSize(width: request.format.width, height: request.format.height)
        let size = sizes.map { requested.closest(in: $0) } ?? requested
        let frames: Int
        let fpsText: String
        if let fps = frameRate {
            // d·f = frames · den · fps / num, kept in integers.
            let numerator = content.frames * rate.den * fps
            switch frameCount {
            case .exact: frames = max(1, (2 * numerator + rate.num) / (2 * rate.num))
            case .fourNPlusOne: frames = 4 * ((numerator + 4 * rate.num - 1) / (4 * rate.num)) + 1
            }
            fpsText = String(fps)
        } else {
            switch frameCount {
            case .exact: frames = content.frames
            case .fourNPlusOne: frames = 4 * ((content.frames + 3) / 4) + 1
            }
            fpsText = secondsText(Double(rate.num) / Double(rate.den))
        }
        return ClipShape(
            size: size, frames: frames, fpsText: fpsText,
            seconds: Double(content.frames * rate.den) / Double(rate.num))
    }
}

/// One clip as a backend is asked to make it.
struct ClipShape: Sendable, Hashable {
    var size: FrameSize
    var frames: Int
    /// `16`, or `23.976` at a timeline rate.
    var fpsText: String
    /// The segment's length in seconds.
    var seconds: Double
}

extension FrameSize {
    /// The size in `sizes` nearest this one in shape (aspect ratios within 5% count as the
    /// same shape), then the smallest of those at least as wide, else the widest of them.
    func closest(in sizes: [FrameSize]) -> FrameSize {
        let aspect = Double(width) / Double(height)
        func mismatch(_ size: FrameSize) -> Double { abs(log(Double(size.width) / Double(size.height) / aspect)) }
        guard let best = sizes.map(mismatch).min() else { return self }
        let shaped = sizes.filter { mismatch($0) <= best + 0.05 }
        let covering = shaped.filter { $0.width >= width }.min { $0.width < $1.width }
        return covering ?? shaped.max { $0.width < $1.width } ?? self
    }
}

import Media
import Planning

/// How the storyboard animates a camera move: the drawing is made once on a canvas at
/// least as large as the frame, then each frame takes a moving window of it (`crop` for
/// pans, tilts and handheld shake) or a zoom into it (`zoompan` for push-ins, pull-outs
/// and zooms).
///
/// Every move follows one curve of the shot's running time `t` in seconds, counted from
/// the shot's first frame: progress `1 − e^(−t/τ)` eases out and never stops abruptly,
/// and a continuation segment, whose `t` starts at the frames before it, carries on exactly
/// where the previous segment left off. Crops move by whole pixels (`exact=1`, not the even
/// steps 4:2:0 chroma would otherwise round to), so slow drifts do not judder.
struct CameraMotion: Sendable {
    enum Kind: Sendable, Equatable {
        case still
        case drift(horizontal: Bool, reverse: Bool)
        case zoom(from: Double, to: Double, seconds: Double)
        case shake
    }

    var kind: Kind
    var frameWidth: Int
    var frameHeight: Int
    var frameRate: Rational
    /// Frames of the shot before this segment.
    var startFrame: Int

    init(move: CameraMove, frameWidth: Int, frameHeight: Int, frameRate: Rational, startFrame: Int) {
        switch move {
        case .static: kind = .still
        case .pushIn, .dollyTrack: kind = .zoom(from: 1, to: 1.35, seconds: 5)
        case .pullOut: kind = .zoom(from: 1.35, to: 1, seconds: 5)
        case .zoom: kind = .zoom(from: 1, to: 1.7, seconds: 2.5)
        case .pan, .truck, .follow: kind = .drift(horizontal: true, reverse: false)
        case .tilt: kind = .drift(horizontal: false, reverse: true)
        case .crane: kind = .drift(horizontal: false, reverse: false)
        case .handheld: kind = .shake
        }
        self.frameWidth = frameWidth
        self.frameHeight = frameHeight
        self.frameRate = frameRate
        self.startFrame = startFrame
    }

    /// How far a pan or tilt travels, as a fraction of the frame.
    static let driftFraction = 0.3
    /// How far handheld shake can wander, as a fraction of the frame.
    static let shakeFraction = 0.04
    /// The time constant of the ease-out curve for drifts, in seconds.
    static let driftSeconds = 6.0

    /// Extra canvas beyond the frame, in pixels (even), horizontally and vertically.
    var margin: (horizontal: Int, vertical: Int) {
        func even(_ value: Double) -> Int { Int(value / 2) * 2 }
        switch kind {
        case .still, .zoom: return (0, 0)
        case let .drift(horizontal, _):
            return horizontal
                ? (even(Double(frameWidth) * Self.driftFraction), 0) : (0, even(Double(frameHeight) * Self.driftFraction))
        case .shake:
            return (even(Double(frameWidth) * Self.shakeFraction), even(Double(frameHeight) * Self.shakeFraction))
        }
    }

    /// The shot's running time in seconds at output frame `frameVariable` (`n`, `on`), as
    /// an expression.
    private func seconds(_ frameVariable: String) -> String {
        "((\(frameVariable)+\(startFrame))*\(frameRate.denominator)/\(frameRate.numerator))"
    }

    private func progress(_ frameVariable: String, seconds tau: Double) -> String {
        "(1-exp(-\(seconds(frameVariable))/\(tau)))"
    }

    /// The filters that turn the still canvas into moving frames of the frame size, with a
    /// source of repeated canvas frames before them; nil for a still camera.
    var filters: String? {
        let rate = "\(frameRate.numerator)/\(frameRate.denominator)"
        let (marginX, marginY) = margin
        switch kind {
        case .still:
            return nil
        case let .drift(horizontal, reverse):
            let travel = progress("n", seconds: Self.driftSeconds)
            let position = reverse ? "(1-\(travel))" : travel
            let x = horizontal ? "\(marginX)*\(position)" : "0"
            let y = horizontal ? "0" : "\(marginY)*\(position)"
            return "crop=w=\(frameWidth):h=\(frameHeight):x=\(x):y=\(y):exact=1"
        case .shake:
            let t = seconds("n")
            let x = "\(marginX)*(0.5+0.3*sin(\(t)*2.3)+0.15*sin(\(t)*5.9))"
            let y = "\(marginY)*(0.5+0.3*sin(\(t)*1.7+1)+0.15*sin(\(t)*6.7))"
            return "crop=w=\(frameWidth):h=\(frameHeight):x=\(x):y=\(y):exact=1"
        case let .zoom(from, to, tau):
            let zoom = "(\(from)+\(to - from)*\(progress("on", seconds: tau)))"
            // Zoom towards the subject's eye line, two fifths down the frame.
            return "zoompan=z=\(zoom):x=iw/2*(1-1/zoom):y=ih*0.4*(1-1/zoom):d=1:s=\(frameWidth)x\(frameHeight):fps=\(rate)"
        }
    }
}

import Media

/// The limits a clip must keep to pass quality control, tuned for the 2–10 s clips video
/// models make (docs/qc.md); each is the project file's `qc.<name>`.
public struct QCThresholds: Sendable, Hashable, Codable {
    /// `qc.black`: the most seconds of black picture.
    public var black = 0.5
    /// `qc.frozen`: the most seconds of frozen picture.
    public var frozen = 1.0
    /// `qc.cut`: the largest scene-change score (0–100) between two frames.
    public var cut = 10.0
    /// `qc.flicker`: the largest mean brightness swing, in 8-bit levels.
    public var flicker = 3.0
    /// `qc.blur`: the largest mean blur.
    public var blur = 5.0
    /// `qc.min_length`: the least part of the segment's length the backend's own clip must
    /// cover (0.9: nine tenths), before conforming held its last frame over the rest.
    public var minLength = 0.9

    /// The defaults.
    public init() {}

    /// The reasons `measures` fail these limits (none when it passes) and a penalty ranking
    /// attempts: the sum of how far past each limit the clip goes, in multiples of the
    /// limit, 0 for a pass. `expected` is the clip the segment needs: its frames and size;
    /// `coverage` how much of the segment the backend's own clip covered (nil when the
    /// backend writes the house format itself).
    public func judge(_ measures: ClipMeasures, frames: Int, width: Int, height: Int, coverage: Double?)
        -> (reasons: [String], penalty: Double)
    {
        var reasons: [String] = [], penalty = 0.0
        func over(_ value: Double, _ limit: Double, _ reason: @autoclosure () -> String) {
            guard value > limit else { return }
            reasons.append(reason())
            penalty += limit > 0 ? value / limit - 1 : value
        }
        if measures.frames != frames {
            reasons.append("holds \(measures.frames) frames, not \(frames)")
            penalty += 10
        }
        if measures.width != width || measures.height != height {
            reasons.append("is \(measures.width)x\(measures.height), not \(width)x\(height)")
            penalty += 10
        }
        if let coverage, coverage < minLength {
            reasons.append("short: the backend's clip covers \(percent(coverage)) of the segment (least \(percent(minLength)))")
            penalty += (minLength - coverage) / minLength
        }
        over(measures.blackSeconds, black, "black for \(seconds(measures.blackSeconds)) (most \(seconds(black)))")
        over(measures.frozenSeconds, frozen, "frozen for \(seconds(measures.frozenSeconds)) (most \(seconds(frozen)))")
        over(measures.sceneChange, cut,
             "a cut at \(seconds(measures.sceneChangeAt)) (scene change \(figure(measures.sceneChange)), most \(figure(cut)))")
        over(measures.flicker, flicker, "flicker of \(figure(measures.flicker)) levels (most \(figure(flicker)))")
        over(measures.blur, blur, "blurred: blur \(figure(measures.blur)) (most \(figure(blur)))")
        return (reasons, penalty)
    }

    /// How much of its limits a clip uses: the sum, over the limits measured, of the
    /// measure over the limit (the coverage's shortfall over the shortfall allowed), so 0
    /// for a perfect clip and about 6 for one at every limit. Of clips that pass, the one
    /// furthest inside its limits has the least: quality control ranks takes by it after
    /// the verdict and the penalty (docs/qc.md, "Takes").
    public func usage(_ measures: ClipMeasures, coverage: Double?) -> Double {
        func share(_ value: Double, _ limit: Double) -> Double { limit > 0 ? value / limit : value }
        let shortfall = coverage.map { share(max(0, 1 - $0), 1 - minLength) } ?? 0
        return share(measures.blackSeconds, black) + share(measures.frozenSeconds, frozen) + share(measures.sceneChange, cut)
            + share(measures.flicker, flicker) + share(measures.blur, blur) + shortfall
    }

    /// The limits as a line of the build's inputs digest: they decide which take of a
    /// shot quality control puts on the timeline.
    var digestLine: String {
        "qc black \(black) frozen \(frozen) cut \(cut) flicker \(flicker) blur \(blur) min_length \(minLength)"
    }

    private func seconds(_ value: Double) -> String { figure(value) + " s" }
    private func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
    private func figure(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

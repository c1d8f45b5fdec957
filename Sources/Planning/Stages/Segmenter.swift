/// Stage 3 of planning: a shot longer than the maximum segment is cut into near-equal
/// segments, each cut moved to a sentence or dialogue-line boundary when one lies near it,
/// as long as no segment grows past the maximum or drops under the minimum.
struct Segmenter: Sendable {
    /// The longest segment, in frames.
    let maxFrames: Int
    /// The shortest segment, in frames (one second), unless the shot itself is shorter.
    let minFrames: Int

    /// A run of frames and the units it shows.
    struct Piece: Hashable, Sendable {
        var frames: Int
        var units: Range<Int>
    }

    /// Cuts `frames` into pieces; `weights` are the units' relative durations.
    func cut(frames: Int, weights: [Int]) -> [Piece] {
        let count = (frames + maxFrames - 1) / maxFrames
        guard count > 1 else { return [Piece(frames: frames, units: 0..<weights.count)] }
        let boundaries = self.boundaries(frames: frames, weights: weights)
        let tolerance = maxFrames / 4
        var cuts: [Int] = []
        var previous = 0
        for index in 1..<count {
            // The rest of the shot shared evenly among the segments left.
            let ideal = previous + (frames - previous) / (count - index + 1)
            let remaining = count - index
            let fits = { (cut: Int) -> Bool in
                cut - previous <= maxFrames && cut - previous >= minFrames
                    && frames - cut <= remaining * maxFrames && frames - cut >= remaining * minFrames
            }
            let snapped = boundaries.filter { abs($0 - ideal) <= tolerance && fits($0) }
                .min { abs($0 - ideal) != abs($1 - ideal) ? abs($0 - ideal) < abs($1 - ideal) : $0 < $1 }
            let cut = snapped ?? ideal
            cuts.append(cut)
            previous = cut
        }
        let edges = [0] + cuts + [frames]
        return (0..<count).map { index in
            Piece(frames: edges[index + 1] - edges[index],
                  units: units(from: edges[index], to: edges[index + 1], frames: frames, weights: weights))
        }
    }

    /// The frame positions between units.
    private func boundaries(frames: Int, weights: [Int]) -> [Int] {
        let total = weights.reduce(0, +)
        guard total > 0 else { return [] }
        var running = 0
        return weights.dropLast().map { weight in
            running += weight
            return (2 * running * frames + total) / (2 * total)
        }
    }

    /// The units whose middle falls in `start..<end`, or the one spanning it.
    private func units(from start: Int, to end: Int, frames: Int, weights: [Int]) -> Range<Int> {
        let total = weights.reduce(0, +)
        guard total > 0, !weights.isEmpty else { return 0..<weights.count }
        var running = 0
        var first: Int?
        var last: Int?
        var spanning = 0
        for (index, weight) in weights.enumerated() {
            let unitStart = running * frames / total
            let middle = (2 * running + weight) * frames / (2 * total)
            running += weight
            if middle >= start && middle < end {
                first = first ?? index
                last = index
            }
            if unitStart <= start { spanning = index }
        }
        guard let first, let last else { return spanning..<(spanning + 1) }
        return first..<(last + 1)
    }
}

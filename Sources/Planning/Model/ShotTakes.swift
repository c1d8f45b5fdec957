extension Shot {
    /// The number of the take on the timeline: the one of `1...takes` that `otherTakes`
    /// does not hold (take 1 unless a review or quality control put another there).
    public var takeOnTimeline: Int {
        guard let others = otherTakes else { return 1 }
        let numbers = Set(others.map(\.number))
        return (1...max(takes, 1)).first { !numbers.contains($0) } ?? 1
    }

    /// Every take, the one on the timeline included, in take order.
    public var allTakes: [Take] {
        let current = Take(number: takeOnTimeline, seed: seed, style: style, segments: segments)
        return ([current] + (otherTakes ?? [])).sorted { $0.number < $1.number }
    }

    /// The shot with take `number` on the timeline: its segments, seed and style become
    /// that take's, and the take that was there joins the others. Unchanged when the shot
    /// has no such take or it is already on the timeline.
    public func puttingOnTimeline(take number: Int) -> Shot {
        guard number != takeOnTimeline, let others = otherTakes, let take = others.first(where: { $0.number == number })
        else { return self }
        var shot = self
        shot.otherTakes = allTakes.filter { $0.number != number }
        shot.segments = take.segments
        shot.seed = take.seed
        shot.style = take.style
        return shot
    }
}

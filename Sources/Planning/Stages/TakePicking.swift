/// The planning stage that puts a review's picked take (`pick: 2`) on the timeline: the
/// shot's segments, seed and style become that take's, and take 1 joins the other takes.
/// A pick the shot has no take for leaves it as it is (the review file warns about it).
enum TakePicking {
    static func pick(_ number: Int?, of shot: Shot) -> Shot {
        guard let number, (1...shot.takes).contains(number) else { return shot }
        var shot = shot
        shot.picked = number
        guard number != 1, let others = shot.otherTakes, let index = others.firstIndex(where: { $0.number == number }) else {
            return shot
        }
        let first = Take(number: 1, seed: shot.seed, style: shot.style, segments: shot.segments)
        let picked = others[index]
        shot.segments = picked.segments
        shot.seed = picked.seed
        shot.style = picked.style
        shot.otherTakes = ([first] + others.filter { $0.number != number }).sorted { $0.number < $1.number }
        return shot
    }
}

/// The planning stage that puts a review's picked take (`pick: 2`) on the timeline: the
/// shot's segments, seed and style become that take's, and take 1 joins the other takes.
/// A pick the shot has no take for leaves it as it is (the review file warns about it).
enum TakePicking {
    static func pick(_ number: Int?, of shot: Shot) -> Shot {
        guard let number, (1...shot.takes).contains(number) else { return shot }
        var shot = shot.puttingOnTimeline(take: number)
        shot.picked = number
        return shot
    }
}

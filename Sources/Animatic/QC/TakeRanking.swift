import Planning

/// How quality control ranks the takes of a shot (docs/qc.md, "Takes"), in the build
/// report (`takeRankings`) and on the storyboard page. Without a pick in the review file
/// the best-ranked take is the one on the timeline; with one, the pick is, and the ranking
/// still says how its takes compare.
public struct TakeRanking: Sendable, Codable, Hashable {
    /// One take's standing: its segments' kept clips, judged together.
    public struct Entry: Sendable, Codable, Hashable {
        /// The take's number (1-based).
        public var take: Int
        /// `passed` when every segment's clip passes, else `failed`.
        public var verdict: String
        /// The sum of the segments' penalties (0 for a pass), to thousandths.
        public var penalty: Double
        /// The sum of how much of their limits the segments' clips use
        /// (`QCThresholds.usage`), to thousandths: lower is further inside them.
        public var usage: Double
        /// Why it fails (each reason after its segment's ID when the shot has several);
        /// empty when it passes.
        public var reasons: [String]

        var passed: Bool { verdict == "passed" }
    }

    /// The shot's ID (`2C`).
    public var shot: ShotID
    /// The takes whose every segment has a QC record, best first: those that pass before
    /// those that fail, then by penalty, then by usage, ties to the lower take number.
    public var ranking: [Entry]
    /// The take on the timeline.
    public var onTimeline: Int
    /// `qc` when the ranking chose the take on the timeline, `review` when the review file picked it.
    public var chosenBy: String
    /// Why that take, in words: "take 2: best QC score; take 1: frozen for 3 s (most 1 s)".
    public var why: String

    /// The best-ranked take.
    public var best: Int { ranking[0].take }

    /// The ranking of `shot`'s takes from `records` (the QC record of each segment in use,
    /// by segment ID, judged under `thresholds`); nil for a shot with one take, or when no
    /// take has a record for every segment (QC off, or its segments failed).
    static func rank(_ shot: Shot, records: [SegmentID: QCRecord], thresholds: QCThresholds) -> TakeRanking? {
        guard shot.otherTakes != nil else { return nil }
        let entries = shot.allTakes.compactMap { take -> Entry? in
            let kept = take.segments.compactMap { segment in records[segment.id].map { (segment.id, $0.best) } }
            guard !kept.isEmpty, kept.count == take.segments.count else { return nil }
            return Entry(
                take: take.number, verdict: kept.allSatisfy { $0.1.passed } ? "passed" : "failed",
                penalty: thousandths(kept.reduce(0) { $0 + $1.1.penalty }),
                usage: thousandths(kept.reduce(0) { $0 + thresholds.usage($1.1.measures, coverage: $1.1.coverage) }),
                reasons: kept.flatMap { id, attempt in attempt.reasons.map { kept.count == 1 ? $0 : "\(id): \($0)" } })
        }
        guard !entries.isEmpty else { return nil }
        let ranking = entries.sorted { a, b in
            (a.passed ? 0 : 1, a.penalty, a.usage, a.take) < (b.passed ? 0 : 1, b.penalty, b.usage, b.take)
        }
        let picked = shot.picked
        let onTimeline = picked ?? ranking[0].take
        return TakeRanking(
            shot: shot.id, ranking: ranking, onTimeline: onTimeline, chosenBy: picked == nil ? "qc" : "review",
            why: why(ranking, picked: picked))
    }

    /// The ranking of every shot of `plan` with takes, in timeline order; nil when there is none.
    static func all(_ plan: Plan, records: [SegmentID: QCRecord], thresholds: QCThresholds) -> [TakeRanking]? {
        let rankings = plan.shots.compactMap { rank($0, records: records, thresholds: thresholds) }
        return rankings.isEmpty ? nil : rankings
    }

    private static func why(_ ranking: [Entry], picked: Int?) -> String {
        let best = ranking[0]
        func standing(_ entry: Entry) -> String {
            "take \(entry.take): " + (entry.passed
                ? (entry.usage > best.usage ? "passes, nearer its limits" : "passes as well (the lower take number first)")
                : entry.reasons.joined(separator: "; "))
        }
        guard let picked else {
            let head = "take \(best.take): " + (best.passed ? "best QC score" : "least bad QC score (\(best.reasons.joined(separator: "; ")))")
            return ([head] + ranking.dropFirst().map(standing)).joined(separator: "; ")
        }
        let head = "take \(picked): picked in the review file" + (picked == best.take ? ", and QC's best" : "; QC ranks take \(best.take) first")
        return ([head] + ranking.dropFirst().map(standing)).joined(separator: "; ")
    }

    private static func thousandths(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}

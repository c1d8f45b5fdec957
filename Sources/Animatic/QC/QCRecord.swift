import Foundation
import Media

/// One segment's quality control (docs/qc.md): each attempt's measures and verdict, and
/// which attempt the cache holds. Cached beside the clip (`ClipCache.qcURL`), so a build
/// that reuses the clip analyses nothing, and in the build report.
public struct QCRecord: Sendable, Codable, Hashable {
    /// One clip made for the segment.
    public struct Attempt: Sendable, Codable, Hashable {
        /// The seed it was made with.
        public var seed: Int
        /// What the analysis measured.
        public var measures: ClipMeasures
        /// How much of the segment the backend's own clip covered (nil when the backend
        /// writes the house format itself, so there is nothing to fall short).
        public var coverage: Double?
        /// Why it fails, under the thresholds of the build that judged it; empty when it passes.
        public var reasons: [String]
        /// How far past the thresholds it goes (0 for a pass): the lowest is kept.
        public var penalty: Double

        /// Whether it passes.
        public var passed: Bool { reasons.isEmpty }
    }

    /// Every attempt, the first (the segment's own seed) first.
    public var attempts: [Attempt]
    /// The attempt the cache holds for the segment, by position in `attempts`.
    public var kept: Int
    /// The analysis that measured the kept attempt (`ClipAnalysis.version`); nil in records
    /// cached before it was recorded (version 1).
    public var analysis: Int?

    /// `passed` or `failed`: the kept attempt's verdict.
    public private(set) var verdict: String
    /// Why the kept attempt is the one used, in words for the report.
    public private(set) var why: String

    /// A record of `attempts`, keeping `kept`.
    init(attempts: [Attempt], kept: Int) {
        self.attempts = attempts
        self.kept = kept
        analysis = ClipAnalysis.version
        (verdict, why) = ("", "")
        summarise()
    }

    /// Whether the kept attempt was measured by this program's analysis.
    var measuredByThisAnalysis: Bool { analysis == ClipAnalysis.version }

    /// The attempt in use.
    public var best: Attempt { attempts[kept] }

    /// Sets `verdict` and `why` from the attempts.
    mutating func summarise() {
        verdict = best.passed ? "passed" : "failed"
        let reasons = best.reasons.joined(separator: "; ")
        if attempts.count == 1 {
            why = best.passed ? "passed" : "failed: " + reasons
            return
        }
        let name = kept == 0 ? "the first attempt" : "retake \(kept) (seed \(best.seed))"
        let failing = attempts.count { !$0.passed }
        why = best.passed
            ? "\(name) passed; \(failing) attempt\(failing == 1 ? "" : "s") failed (\(attempts[0].reasons.joined(separator: "; ")))"
            : "all \(attempts.count) attempts failed; kept \(name), the least bad: " + reasons
    }

    /// The same attempts judged again under `thresholds`; the kept one stays kept (it is
    /// the clip in the cache).
    func judged(_ thresholds: QCThresholds, frames: Int, width: Int, height: Int) -> QCRecord {
        var record = self
        for index in record.attempts.indices {
            let attempt = record.attempts[index]
            (record.attempts[index].reasons, record.attempts[index].penalty) = thresholds.judge(
                attempt.measures, frames: frames, width: width, height: height, coverage: attempt.coverage)
        }
        record.summarise()
        return record
    }

    /// Reads a record; nil when there is none or it cannot be read (the clip is then analysed again).
    static func read(_ url: URL) -> QCRecord? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? JSONDecoder().decode(QCRecord.self, from: data)
    }

    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: url)
    }
}

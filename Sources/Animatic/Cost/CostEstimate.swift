import Foundation
import Generation

/// What a build's requests will cost before any is made, per backend: billed seconds and a
/// price for hosted models, GPU time (and the wall-clock time it spreads over) for local
/// ones. `animatic build --dry-run` prints it; `--max-cost` refuses a build above a limit.
public struct CostEstimate: Sendable, Equatable {
    /// One backend's share.
    public struct Line: Sendable, Equatable {
        /// The backend's name.
        public var backend: String
        /// Requests it gets.
        public var requests: Int
        /// Seconds of video it makes (the segments' length).
        public var seconds: Double
        /// Seconds a hosted model bills (its durations round segments up); 0 for local backends.
        public var billedSeconds: Double
        /// The price of the billed seconds; nil when some model has no price in the table.
        public var price: Double?
        /// The models (price keys) with no price.
        public var unpriced: [String]
        /// GPU seconds for a local backend; nil when no figure is known.
        public var gpuSeconds: Double?
        /// Where the GPU figure came from: `project file` or `last build`.
        public var gpuSource: String?
        /// The GPU time spread over the backend's parallel jobs.
        public var wallSeconds: Double?
    }

    /// One line per backend that gets a request, by name.
    public var lines: [Line]
    /// The prices' currency.
    public var currency: String

    /// The price of every request; nil when some hosted model has no price. Local GPU time
    /// has no price here.
    public var totalPrice: Double? {
        lines.reduce(Optional(0.0)) { total, line in
            guard let total else { return nil }
            if line.billedSeconds == 0 { return total }
            return line.price.map { total + $0 }
        }
    }

    /// The estimate for the steps of `plan` that run, with `table`, GPU speed measured from
    /// `previous` (the last build's report) when the table gives none, and local work spread
    /// over `parallelJobs`.
    public static func make(plan: StepPlan, table: CostTable, previous: BuildReport?, parallelJobs: Int) -> CostEstimate {
        var lines: [String: Line] = [:]
        for step in plan.running {
            guard let generation = step.generation, let charge = generation.charge else { continue }
            var line = lines[generation.backend] ?? Line(
                backend: generation.backend, requests: 0, seconds: 0, billedSeconds: 0, price: 0, unpriced: [],
                gpuSeconds: nil, gpuSource: nil, wallSeconds: nil)
            line.requests += 1
            line.seconds += generation.seconds
            switch charge {
            case let .hosted(keys, seconds):
                line.billedSeconds += seconds
                if let price = table.price(keys) {
                    line.price = line.price.map { $0 + price * seconds }
                } else {
                    line.price = nil
                    if let key = keys.last, !line.unpriced.contains(key) { line.unpriced.append(key) }
                }
            case .local:
                break
            }
            lines[generation.backend] = line
        }
        let estimated = lines.values.sorted { $0.backend < $1.backend }.map { line in
            var line = line
            guard line.billedSeconds == 0 else { return line }
            let speed: (Double, String)? =
                table.gpuSecondsPerSecond.map { ($0, "project file") }
                ?? previous.flatMap { measuredSpeed($0, backend: line.backend) }.map { ($0, "last build") }
            if let (perSecond, source) = speed {
                line.gpuSeconds = perSecond * line.seconds
                line.gpuSource = source
                line.wallSeconds = line.gpuSeconds.map { $0 / Double(max(1, parallelJobs)) }
            }
            return line
        }
        return CostEstimate(lines: estimated, currency: table.currency)
    }

    /// The seconds each second of video took to generate in the last build on `backend`:
    /// its generated segments' generation time over their length; nil without such segments.
    static func measuredSpeed(_ report: BuildReport, backend: String) -> Double? {
        guard report.backend == backend, let rate = Double(report.frameRate), rate > 0 else { return nil }
        var spent = 0.0, made = 0.0
        for segment in report.segments where segment.status == .generated {
            guard let seconds = segment.generationSeconds else { continue }
            spent += seconds
            made += Double(segment.frames) / rate
        }
        return made > 0 ? spent / made : nil
    }
}

import Foundation

/// `animatic build --dry-run`: the step plan as lines for people. A step that runs says
/// why; a generate step that runs also says its backend and request. The totals say what
/// each backend would be asked for.
public enum StepPlanText {
    /// The plan, one step a line (a generate step that runs adds its request, indented; in a
    /// `--quality` build every generate step says `draft` or `final`),
    /// then the count of steps that run and the totals per backend.
    public static func render(_ plan: StepPlan, estimate: CostEstimate? = nil) -> String {
        var lines: [String] = []
        for step in plan.steps {
            // A `--quality` build says which quality each clip is, reused or made.
            lines.append("\(step.id): " + (step.status.runs ? "runs (\(step.status))" : "\(step.status)")
                + (step.generation?.quality.map { ", \($0.rawValue)" } ?? ""))
            guard step.status.runs, let request = step.generation else { continue }
            lines.append("    backend \(request.backend), \(ProgressDisplay.count(request.frames, "frame")) "
                + "(\(seconds(request.seconds)) s) at \(request.size), seed \(request.seed)"
                + (request.continues.map { ", continuing \($0)" } ?? ""))
            lines.append("    prompt: \(request.prompt)")
            if !request.negativePrompt.isEmpty { lines.append("    negative: \(request.negativePrompt)") }
        }
        lines.append("\(plan.running.count) of \(ProgressDisplay.count(plan.steps.count, "step")) run")
        let totals = plan.totals
        if totals.isEmpty { lines.append("no backend requests") }
        for total in totals {
            lines.append("\(total.backend): \(ProgressDisplay.count(total.requests, "request")), "
                + "\(seconds(total.seconds)) s of video (\(ProgressDisplay.count(total.frames, "frame")))")
        }
        if let estimate { lines += costLines(estimate) }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.2f", value) }

    /// `estimate dashscope: 12 billed seconds, 8.40 CNY`, `estimate worker: 2.9 h of GPU time
    /// (from the project file), 22 min on 8 at once`, and the total.
    static func costLines(_ estimate: CostEstimate) -> [String] {
        var lines: [String] = []
        for line in estimate.lines {
            if line.billedSeconds > 0 {
                let price = line.price.map { String(format: "%.2f", $0) + " " + estimate.currency }
                    ?? "no price for " + line.unpriced.joined(separator: ", ") + " (set cost.prices in the project file)"
                lines.append("estimate \(line.backend): \(seconds(line.billedSeconds)) billed seconds, \(price)")
            } else if let gpu = line.gpuSeconds, let wall = line.wallSeconds {
                lines.append("estimate \(line.backend): \(duration(gpu)) of GPU time (speed from the \(line.gpuSource ?? "")), "
                    + "about \(duration(wall)) of waiting")
            } else {
                lines.append("estimate \(line.backend): GPU time unknown (set cost.gpu_seconds_per_second, or build once to measure it)")
            }
        }
        if estimate.lines.contains(where: { $0.billedSeconds > 0 }) {
            lines.append("estimated price: " + (estimate.totalPrice.map { String(format: "%.2f", $0) + " " + estimate.currency } ?? "unknown"))
        }
        return lines
    }

    /// `42 s`, `12.5 min`, `3.2 h`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 120 { return String(format: "%.0f s", seconds) }
        if seconds < 7200 { return String(format: "%.1f min", seconds / 60) }
        return String(format: "%.1f h", seconds / 3600)
    }
}

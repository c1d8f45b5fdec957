import Foundation

/// `animatic build --dry-run`: the step plan as lines for people. A step that runs says
/// why; a generate step that runs also says its backend and request. The totals say what
/// each backend would be asked for.
public enum StepPlanText {
    /// The plan, one step a line (a generate step that runs adds its request, indented),
    /// then the count of steps that run and the totals per backend.
    public static func render(_ plan: StepPlan) -> String {
        var lines: [String] = []
        for step in plan.steps {
            lines.append("\(step.id): " + (step.status.runs ? "runs (\(step.status))" : "up to date"))
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
        return lines.joined(separator: "\n") + "\n"
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.2f", value) }
}

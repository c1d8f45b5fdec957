import Foundation

/// `animatic build --dry-run --json`: the step plan as versioned JSON (docs/build-plan-json.md).
public enum StepPlanJSON {
    /// The schema version.
    public static let version = 1

    private struct Document: Encodable {
        var version: Int
        var script: String
        var output: String
        var steps: [Step]
        var running: Int
        var totals: [Total]
        var estimate: Estimate?
    }

    private struct Estimate: Encodable {
        var currency: String
        var price: Double?
        var backends: [EstimateLine]
    }

    private struct EstimateLine: Encodable {
        var backend: String
        var requests: Int
        var seconds: Double
        var billedSeconds: Double
        var price: Double?
        var unpriced: [String]
        var gpuSeconds: Double?
        var gpuSource: String?
        var wallSeconds: Double?
    }

    private struct Step: Encodable {
        var id: String
        var kind: String
        var inputs: [String]
        var output: String
        var key: String?
        var runs: Bool
        var reason: String
        var why: String
        var generation: Generation?
    }

    private struct Generation: Encodable {
        var backend: String
        var segment: String
        var prompt: String
        var negativePrompt: String
        var seed: Int
        var frames: Int
        var seconds: Double
        var shotStartFrame: Int
        var size: String
        var continues: String?
        var quality: String?
    }

    private struct Total: Encodable {
        var backend: String
        var requests: Int
        var frames: Int
        var seconds: Double
    }

    /// The plan of a build of `script` into `output`, pretty-printed with sorted keys.
    public static func encode(_ plan: StepPlan, script: String, output: String, estimate: CostEstimate? = nil) throws -> Data {
        let steps = plan.steps.map { step in
            Step(
                id: step.id, kind: step.kind.rawValue, inputs: step.inputs, output: step.output, key: step.key,
                runs: step.status.runs, reason: step.status.code, why: step.status.description,
                generation: step.generation.map {
                    Generation(
                        backend: $0.backend, segment: $0.segmentID.rawValue, prompt: $0.prompt, negativePrompt: $0.negativePrompt,
                        seed: $0.seed, frames: $0.frames, seconds: $0.seconds, shotStartFrame: $0.shotStartFrame,
                        size: $0.size, continues: $0.continues?.rawValue, quality: $0.quality?.rawValue)
                })
        }
        let document = Document(
            version: version, script: script, output: output, steps: steps, running: plan.running.count,
            totals: plan.totals.map { Total(backend: $0.backend, requests: $0.requests, frames: $0.frames, seconds: $0.seconds) },
            estimate: estimate.map { estimate in
                Estimate(
                    currency: estimate.currency, price: estimate.totalPrice,
                    backends: estimate.lines.map {
                        EstimateLine(
                            backend: $0.backend, requests: $0.requests, seconds: $0.seconds, billedSeconds: $0.billedSeconds,
                            price: $0.price, unpriced: $0.unpriced, gpuSeconds: $0.gpuSeconds, gpuSource: $0.gpuSource,
                            wallSeconds: $0.wallSeconds)
                    })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document) + Data("\n".utf8)
    }
}

import Foundation
import Planning

extension Builder {
    /// The report of a build of `buildPlan` whose generation came to `outcome`.
    func makeReport(
        _ buildPlan: BuildPlan, plan: Plan, scriptPath: String, outcome: GenerationOutcome, digest: String
    ) -> BuildReport {
        let segments = (buildPlan.items + buildPlan.takeItems).map { item in
            let (status, reason): (BuildReport.Status, String) =
                if let failure = outcome.failures[item.segmentID] {
                    (.failed, failure.message)
                } else if outcome.notStarted.contains(item.segmentID) {
                    (.skipped, "not started: the build stopped when \(outcome.stoppedBy ?? "a segment") failed")
                } else if case let .generate(why) = item.action {
                    (.generated, why.description)
                } else {
                    (.reused, "cached")
                }
            return BuildReport.Segment(
                id: item.segmentID, key: item.key, status: status, reason: reason, frames: item.frames,
                startFrame: item.startFrame, generationSeconds: status == .generated ? outcome.seconds[item.segmentID] : nil,
                failure: outcome.failures[item.segmentID],
                qc: status == .failed || status == .skipped ? nil : qcRecord(item),
                quality: settings.quality?.quality(of: item.segmentID))
        }
        return BuildReport(
            version: BuildReport.currentVersion, script: scriptPath, output: settings.outputName, backend: generator.name,
            size: settings.size.description, frameRate: plan.frameRate.description, totalFrames: plan.totalFrames,
            inputsDigest: outcome.failures.isEmpty ? digest : "", videoWritten: false,
            generated: segments.count { $0.status == .generated }, reused: segments.count { $0.status == .reused },
            failed: segments.count { $0.status == .failed }, skipped: segments.count { $0.status == .skipped },
            revisedShots: plan.shots.filter { $0.revised != nil }.map { $0.id },
            pickedShots: plan.shots.compactMap { shot in shot.picked.map { BuildReport.PickedShot(shot: shot.id, take: $0) } },
            segments: Array(segments.prefix(buildPlan.items.count)), takes: Array(segments.dropFirst(buildPlan.items.count)),
            takeRankings: qcTakeRankings(plan, segments: segments))
    }

    func encode(_ report: BuildReport) throws(AnimaticError) -> Data {
        do { return try report.jsonData() } catch {
            throw AnimaticError(.internalFailure, "cannot encode the build report: \(error)")
        }
    }
}

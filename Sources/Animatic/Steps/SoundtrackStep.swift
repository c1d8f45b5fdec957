import Foundation
import Media

extension Builder {
    /// The step that encodes the soundtrack's AAC chunks not yet in the cache, so that the
    /// video's step (`tracks`) only lays them: an edit's few chunks are encoded beside the
    /// generation (or, when quality control may move takes, and with them the lines, beside
    /// the steps after the join) rather than on the video's chain. Nil without sound.
    func soundtrackStep(_ context: BuildContext, videoStatus: BuildStep.Status, join: String) -> BuildStep? {
        guard context.voicing != nil else { return nil }
        let takesMayMove = qcPolicy.analyses && context.plan.shots.contains { $0.otherTakes != nil }
        return BuildStep(
            id: "soundtrack", kind: .soundtrack, inputs: takesMayMove ? [join] : [],
            output: context.cache.directory.appendingPathComponent("audio", isDirectory: true).path, key: context.digest,
            status: videoStatus)
    }

    /// Encodes the chunks of the run's soundtrack that are missing from the cache.
    func encodeSoundtrack(_ run: BuildRun) async throws {
        guard let track = run.soundtrack(self) else { return }
        do {
            try await track.encodeMissingChunks()
        } catch let error as CancellationError {
            throw error
        } catch {
            throw AnimaticError(.cannotCreate, "cannot write \(settings.outputName): \(error)")
        }
    }
}

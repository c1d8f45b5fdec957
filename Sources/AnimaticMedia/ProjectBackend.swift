import Animatic
import Foundation
import Generation
import Planning

extension ProjectSettings {
    /// The backend these settings name (the built-in cards when none).
    package var backendOptions: BackendOptions {
        BackendOptions(
            kind: backend ?? .cards, commandTemplate: commandTemplate?.description, dashScopeURL: dashScopeURL,
            dashScopeModel: dashScopeModel,
            comfyUIURLs: comfyUIURLs ?? [], comfyUIWorkflow: comfyUIWorkflow, workerCommand: workerCommand?.description,
            workers: workers, workerGPUs: workerGPUs, dashScopeRegion: dashScopeRegion, maxDownloadBytes: maxDownload)
    }

    /// The generator `build` runs: the built-in renderer as it is, the others under the
    /// retrying, rate-limited scheduler. A setting the backend needs but lacks, or cannot
    /// read, is a usage error.
    ///
    /// With `--quality`, the backend at both qualities, the draft's and the final's settings
    /// each over the backend's, scheduled as one backend (one limit for both): the segments
    /// in `finalSegments` go to the final one.
    package func makeGenerator(cacheDirectory: URL, finalSegments: Set<SegmentID> = []) throws(AnimaticError) -> any Generator {
        let options = backendOptions
        try checkQualityBackend()
        do {
            guard options.kind != .cards, quality != nil else {
                let generator = try options.makeGenerator(cacheDirectory: cacheDirectory)
                guard options.kind != .cards else { return generator }
                return ScheduledGenerator(backend: generator, policy: RetryPolicy(patience: .seconds(patience ?? 600)))
            }
            // Each quality's settings over the backend's: the base settings alone may lack
            // what only the qualities give (a worker command per quality). Each keeps its
            // journal and logs in a folder of its own in the cache.
            func level(_ quality: QualityLevel) throws(BackendError) -> QualityGenerator.Level {
                QualityGenerator.Level(
                    backend: try at(quality).backendOptions.makeGenerator(
                        cacheDirectory: cacheDirectory.appendingPathComponent("quality-\(quality.rawValue)", isDirectory: true)),
                    size: quality == .final ? qualityFinal.size : qualityDraft.size)
            }
            let generator = try QualityGenerator(draft: try level(.draft), final: try level(.final), finalSegments: finalSegments)
            return ScheduledGenerator(backend: generator, policy: RetryPolicy(patience: .seconds(patience ?? 600)))
        } catch {
            throw AnimaticError(.usage, error.description)
        }
    }

    /// The longest clip of the backend, which `build` sizes its segments to: `check`, `plan`
    /// and `export` cut the same segments, so an EDL exported before the build names the
    /// clips the build makes. Nil for the built-in cards (which have no qualities:
    /// `checkQualityBackend`).
    package func backendLongestClipMilliseconds() throws(AnimaticError) -> Int? {
        guard backendOptions.kind != .cards else { return nil }
        // Only its capabilities are read: the journal directory is never written.
        return try makeGenerator(cacheDirectory: FileManager.default.temporaryDirectory).capabilities.longestClipMilliseconds
    }
}

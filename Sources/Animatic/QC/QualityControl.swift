import CutLists
import Foundation
import Generation
import Media
import Planning

extension Builder {
    /// The quality-control policy of this build: the settings', else the backend's default.
    public var qcPolicy: QCPolicy { settings.qcPolicy ?? .defaultFor(backend: generator.name) }

    /// The quality-control step of `item`, run after its clip is in the cache (docs/qc.md):
    /// takes the clip's cached record, or the `measures` taken from its frames as it was
    /// made, or else analyses the clip's file; judges it under this build's
    /// thresholds; and, when it fails and the policy retakes, has the backend make the
    /// segment again with the next seed, up to `qcRetakes` times, stopping at the first
    /// pass. The attempt with the lowest penalty replaces the clip in the cache, and the
    /// record is cached beside it. A clip taken from the cache is never retaken: its
    /// record says what its own build did.
    func qcStep(
        _ item: BuildPlan.Item, cache: ClipCache, coverage: Double?, measures: ClipMeasures?, made: Bool,
        slots: ConcurrencyLimiter, drivingMix: AudioMix? = nil
    ) async throws -> URL? {
        let format = settings.format
        let thresholds = settings.qcThresholds
        func judged(_ measures: ClipMeasures, seed: Int, coverage: Double?) -> QCRecord.Attempt {
            let (reasons, penalty) = thresholds.judge(
                measures, frames: item.frames, width: format.width, height: format.height, coverage: coverage)
            return QCRecord.Attempt(seed: seed, measures: measures, coverage: coverage, reasons: reasons, penalty: penalty)
        }
        let recordURL = cache.qcURL(for: item.key)
        var decoded = 0
        /// `clip`'s measures: `taken` from its frames as they were encoded, with the frame
        /// count and size its file's header gives (the structural checks are of the file);
        /// else the file decoded and measured.
        func measure(_ clip: URL, taken: ClipMeasures?) async throws -> ClipMeasures {
            if var taken, let header = MP4Header.read(clip.path) {
                (taken.frames, taken.width, taken.height) = (header.frames, header.width, header.height)
                return taken
            }
            decoded += 1
            return try await ClipAnalysis.measure(clip)
        }
        /// The clip in the cache, measured.
        func measureCachedClip(taken: ClipMeasures? = nil) async throws -> ClipMeasures {
            do {
                return try await measure(cache.url(for: item.key), taken: taken)
            } catch let error as CancellationError {
                throw error
            } catch {
                throw SegmentFailure(.qualityControl, message: "quality control cannot read the clip: \(error)")
            }
        }
        if !made, var cached = QCRecord.read(recordURL) {
            let stale = !cached.measuredByThisAnalysis
            if stale {
                // Measured by an earlier analysis: the clip in the cache, the kept attempt, is
                // measured again. The other attempts' clips are gone, so their figures stay,
                // and nothing is made again: the kept clip stays kept, as under changed limits.
                cached.attempts[cached.kept].measures = try await measureCachedClip()
                cached.analysis = ClipAnalysis.version
                do { try cached.write(to: recordURL) } catch {
                    throw SegmentFailure(.qualityControl, message: "cannot write the quality-control record: \(error)")
                }
            }
            events(.qualityChecked(id: item.segmentID, record: cached.judged(
                thresholds, frames: item.frames, width: format.width, height: format.height), analysed: stale,
                decoded: decoded))
            return nil
        }
        let seed = item.request.content.seed
        var record = QCRecord(
            attempts: [judged(try await measureCachedClip(taken: made ? measures : nil), seed: seed, coverage: coverage)],
            kept: 0)
        var clips: [URL?] = [nil]  // each attempt's clip in the scratch directory (the first is in the cache)
        defer { for case let url? in clips { try? FileManager.default.removeItem(at: url) } }
        if made && qcPolicy.retakes {
            for take in 0..<settings.qcRetakes where !record.best.passed {
                let takeSeed = (seed + take + 1) % 2_147_483_648
                let clip = cache.scratchDirectory.appendingPathComponent("\(item.key)-take-\(UUID().uuidString).mp4")
                do {
                    let take = try await makeClip(
                        item, seed: takeSeed, to: clip, cache: cache, slots: slots, drivingMix: drivingMix)
                    record.attempts.append(judged(
                        try await measure(clip, taken: take.measures), seed: takeSeed, coverage: take.coverage))
                    clips.append(clip)
                } catch let error as CancellationError {
                    try? FileManager.default.removeItem(at: clip)
                    throw error
                } catch {
                    // A retake the backend could not make is an attempt that lost.
                    try? FileManager.default.removeItem(at: clip)
                    events(.retakeFailed(id: item.segmentID, seed: takeSeed, error: SecretRedaction.redact("\(error)")))
                    continue
                }
                if record.attempts[record.attempts.count - 1].penalty < record.best.penalty {
                    record.kept = record.attempts.count - 1
                }
            }
            if let clip = clips[record.kept] {
                try cache.prepareEntry(item.key)
                // The scratch directory is inside the cache: one file system, so the
                // rename replaces the clip atomically.
                guard rename(clip.path, cache.url(for: item.key).path) == 0 else {
                    throw SegmentFailure(.qualityControl, message: "cannot put the kept retake in the cache: errno \(errno)")
                }
                clips[record.kept] = nil
                // Checked and sealed like any clip the cache takes (issue #11).
                switch cache.admit(item.key, frames: item.frames, format: settings.format) {
                case .valid: break
                case .missing: throw SegmentFailure(.qualityControl, message: "the kept retake is not in the cache")
                case let .corrupt(why): throw SegmentFailure(.qualityControl, message: "the kept retake \(why)")
                }
            }
        }
        record.summarise()
        do { try record.write(to: recordURL) } catch {
            throw SegmentFailure(.qualityControl, message: "cannot write the quality-control record: \(error)")
        }
        events(.qualityChecked(id: item.segmentID, record: record, analysed: true, decoded: decoded))
        return nil
    }

    /// `item`'s cached quality-control record judged under this build's thresholds; nil
    /// with QC off or when there is none.
    func qcRecord(_ item: BuildPlan.Item) -> QCRecord? {
        guard qcPolicy.analyses, let record = QCRecord.read(cache.qcURL(for: item.key)) else { return nil }
        let format = settings.format
        return record.judged(settings.qcThresholds, frames: item.frames, width: format.width, height: format.height)
    }

    /// With `--qc strict`, fails the build (exit 69) when a segment's kept clip fails QC,
    /// after every output is written.
    func qcGate(_ report: BuildReport) throws(AnimaticError) {
        guard qcPolicy == .strict else { return }
        let failing = report.segments.filter { $0.qc?.verdict == "failed" }
        guard let first = failing.first, let record = first.qc else { return }
        throw AnimaticError(
            .unavailable,
            "quality control (--qc strict): \(failing.count == 1 ? "" : "\(failing.count) segments fail; the first, ")"
                + "\(first.id): \(record.why)")
    }

    /// Each segment's verdict and each shot's take ranking for the storyboard page.
    static func qcNotes(_ report: BuildReport) -> QCNotes {
        qcNotes(
            records: report.segments.compactMap { segment in segment.qc.map { (segment.id, $0) } },
            rankings: report.takeRankings ?? [])
    }

    /// The storyboard page's notes from the records of the segments on the timeline and the
    /// shots' take rankings.
    static func qcNotes(records: [(id: SegmentID, record: QCRecord)], rankings: [TakeRanking]) -> QCNotes {
        QCNotes(
            segments: Dictionary(records.map { ($0.id, QCNote(passed: $0.record.best.passed, text: $0.record.why)) }) {
                first, _ in first
            },
            takes: Dictionary(rankings.map { ranking in
                (ranking.shot, QCNote(
                    passed: ranking.ranking.first { $0.take == ranking.onTimeline }?.passed ?? false,
                    text: "takes: " + ranking.why))
            }) { first, _ in first })
    }

    /// The storyboard page's notes as a build of `buildPlan` would write them, from the
    /// records in the cache (what `build --dry-run` compares the page with).
    func qcNotes(_ plan: Plan, _ buildPlan: BuildPlan) -> QCNotes {
        let records = (buildPlan.items + buildPlan.takeItems).compactMap { item in qcRecord(item).map { (id: item.segmentID, record: $0) } }
        let timeline = Set(buildPlan.items.map(\.segmentID))
        let rankings = TakeRanking.all(
            plan, records: Dictionary(records.map { ($0.id, $0.record) }) { first, _ in first }, thresholds: settings.qcThresholds)
        return Self.qcNotes(records: records.filter { timeline.contains($0.id) }, rankings: rankings ?? [])
    }

    /// How quality control ranks the takes of each shot of `plan`, from the records of
    /// `segments` (timeline and takes); nil with QC off or without takes.
    func qcTakeRankings(_ plan: Plan, segments: [BuildReport.Segment]) -> [TakeRanking]? {
        guard qcPolicy.analyses else { return nil }
        let records = Dictionary(segments.compactMap { segment in segment.qc.map { (segment.id, $0) } }) { first, _ in first }
        return TakeRanking.all(plan, records: records, thresholds: settings.qcThresholds)
    }

    /// What quality control adds to the inputs digest: its limits, which decide which take
    /// of a shot is on the timeline; nothing with QC off.
    var qcDigestLines: [String] { qcPolicy.analyses ? [settings.qcThresholds.digestLine] : [] }
}

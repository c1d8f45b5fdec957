import Foundation
import Generation
import Media
import Planning

/// The build after planning: decides what is stale (`BuildPlan`), generates it in
/// parallel into the clip cache, edits the clips into the video, and writes the outputs
/// (video, plan JSON, report, per-segment media, depfile), each atomically.
///
/// Cancelling the task running `build` stops running encodes (their partial files are
/// removed), keeps every finished clip in the cache, and writes no output.
public struct Builder: Sendable {
    /// Bumped when the editor's output changes for the same inputs: part of the inputs digest.
    static let editorVersion = 1

    public var settings: BuildSettings
    public var generator: any Generator
    /// Receives progress as the build goes.
    public var events: @Sendable (BuildEvent) -> Void

    /// A builder for `settings` with `generator` (the storyboard renderer unless told).
    public init(
        settings: BuildSettings, generator: any Generator = StoryboardRenderer(),
        events: @escaping @Sendable (BuildEvent) -> Void = { _ in }
    ) {
        self.settings = settings
        self.generator = generator
        self.events = events
    }

    /// The cache the build uses.
    public var cache: ClipCache { ClipCache(directory: settings.cacheDirectory) }

    /// What a build of `plan` would do now, without doing it.
    public func buildPlan(for plan: Plan) -> BuildPlan {
        BuildPlan.make(
            plan: plan, settings: settings, generator: generator, cache: cache,
            previous: BuildReport.read(settings.reportURL))
    }

    /// Builds `plan` (from the script at `scriptPath`, as the user named it) and returns
    /// the report it wrote beside the video.
    /// - Throws: `AnimaticError` (segments failed, outputs not writable), or
    ///   `CancellationError`.
    public func build(_ plan: Plan, scriptPath: String) async throws -> BuildReport {
        let cache = self.cache
        let lock: CacheLock
        do { lock = try cache.lock(waiting: { events(.waitingForCache) }) } catch {
            throw AnimaticError(.cannotCreate, "cannot use the cache \(settings.cacheDirectory.path): \(error)")
        }
        defer { withExtendedLifetime(lock) {} }
        let previous = BuildReport.read(settings.reportURL)
        let buildPlan = BuildPlan.make(plan: plan, settings: settings, generator: generator, cache: cache, previous: previous)
        let pending = buildPlan.toGenerate
        events(.planned(segments: buildPlan.items.count, toGenerate: pending.count, frames: plan.totalFrames))
        for item in buildPlan.items where item.action == .reuse { events(.segmentCached(id: item.segmentID)) }

        let started = Date()
        let failures = try await generate(pending, cache: cache)
        if !pending.isEmpty {
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            events(.stage("generated \(pending.count - failures.count) of \(pending.count) segments in \(seconds) s"))
        }
        let planJSON: Data
        do { planJSON = try PlanJSON.encode(plan) + Data("\n".utf8) } catch {
            throw AnimaticError(.internalFailure, "cannot encode the plan as JSON: \(error)")
        }
        let digest = SHA256.hex(
            planJSON + Data(([settings.format.encoderSettings, "editor \(Self.editorVersion)"]
                + buildPlan.items.map(\.key)).joined(separator: "\n").utf8))
        var report = makeReport(buildPlan, plan: plan, scriptPath: scriptPath, failures: failures, digest: digest)
        guard failures.isEmpty else {
            report.inputsDigest = ""
            try AtomicFile.write(try encode(report), to: settings.reportURL)
            let first = buildPlan.items.first { failures[$0.segmentID] != nil }
            throw AnimaticError(
                .internalFailure,
                "\(failures.count) segment\(failures.count == 1 ? "" : "s") failed; \(first?.segmentID ?? ""): "
                    + (first.flatMap { failures[$0.segmentID] } ?? ""))
        }

        let upToDate = pending.isEmpty && previous?.inputsDigest == digest
            && FileManager.default.fileExists(atPath: settings.output.path)
        let clips = buildPlan.items.map { cache.url(for: $0.key) }
        if upToDate {
            try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: settings.output.path)
            events(.stage("\(settings.outputName) is up to date"))
        } else {
            do {
                try await Editor(format: settings.format).assemble(
                    clips: clips, tracks: Editor.tracks(for: plan, items: buildPlan.items), scratch: cache.scratchDirectory,
                    output: settings.output)
            } catch let error as CancellationError {
                throw error
            } catch {
                throw AnimaticError(.cannotCreate, "cannot write \(settings.outputName): \(error)")
            }
            events(.stage("wrote \(settings.outputName) (\(plan.totalFrames) frames)"))
        }
        report.videoWritten = !upToDate
        try AtomicFile.write(planJSON, to: settings.planURL)
        if !upToDate || !FileManager.default.fileExists(atPath: settings.mediaDirectory.path) {
            try MediaExport.export(clips: zip(buildPlan.items.map(\.segmentID), clips), to: settings.mediaDirectory)
        }
        let cutLists = try CutListExport.write(plan, settings: settings)
        if !cutLists.isEmpty {
            events(.stage("wrote \(cutLists.map(\.lastPathComponent).joined(separator: ", "))"))
        }
        try AtomicFile.write(try encode(report), to: settings.reportURL)
        if let depfile = settings.depfile {
            let text = Depfile.text(
                target: settings.outputName, prerequisites: [scriptPath] + generator.inputFiles.map(\.path))
            try AtomicFile.write(Data(text.utf8), to: depfile)
        }
        return report
    }

    /// Generates `items`: at most `settings.jobs` (and the backend's limit) generating at
    /// once and, apart from them, at most `settings.jobs` conforming, so that the backend
    /// starts its next segment as soon as one is made instead of idling through its
    /// conform. Returns the error of each segment that failed, by ID.
    private func generate(_ items: [BuildPlan.Item], cache: ClipCache) async throws -> [String: String] {
        let stages = Stages(
            generating: ConcurrencyLimiter(limit: min(settings.jobs, generator.capabilities.maxParallelJobs ?? .max)),
            conforming: ConcurrencyLimiter(limit: settings.jobs))
        var failures: [String: String] = [:]
        var done = 0
        try await withThrowingTaskGroup(of: (BuildPlan.Item, String?).self) { group in
            var queue = items[...]
            func startNext() {
                guard let item = queue.popFirst() else { return }
                group.addTask { (item, try await self.generate(item, cache: cache, stages: stages)) }
            }
            // Enough segments in flight that one waits for the backend whenever the others conform.
            for _ in 0..<(stages.generating.limit + stages.conforming.limit) { startNext() }
            while let (item, error) = try await group.next() {
                done += 1
                if let error { failures[item.segmentID] = error }
                let reason = if case let .generate(reason) = item.action { reason.description } else { "cached" }
                events(.segmentFinished(id: item.segmentID, reason: reason, error: error, done: done, total: items.count))
                startNext()
            }
        }
        return failures
    }

    /// The build's two limits: segments being generated, and segments being conformed.
    private struct Stages: Sendable {
        var generating: ConcurrencyLimiter
        var conforming: ConcurrencyLimiter
    }

    /// Generates one segment into the cache (conforming it unless the backend writes the
    /// house format) and checks the entry; returns the error when it failed.
    private func generate(_ item: BuildPlan.Item, cache: ClipCache, stages: Stages) async throws -> String? {
        let destination = cache.url(for: item.key)
        let generator = self.generator
        do {
            try cache.prepareEntry(item.key)
            if generator.capabilities.writesHouseFormat {
                try await stages.generating.withPermit { try await generator.generate(item.request, to: destination) }
            } else {
                let raw = cache.scratchDirectory.appendingPathComponent("\(item.key)-\(UUID().uuidString).raw")
                defer { try? FileManager.default.removeItem(at: raw) }
                try await stages.generating.withPermit { try await generator.generate(item.request, to: raw) }
                let conformer = Conformer(format: settings.format)
                try await stages.conforming.withPermit {
                    try await conformer.conform(raw, frames: item.frames, to: destination)
                }
            }
        } catch let error as CancellationError {
            throw error
        } catch {
            return "\(error)"
        }
        switch cache.state(of: item.key, frames: item.frames, format: settings.format) {
        case .valid:
            return nil
        case .missing:
            return "the \(generator.name) backend wrote no clip"
        case let .corrupt(why):
            try? FileManager.default.removeItem(at: destination)
            return "the \(generator.name) backend's clip \(why)"
        }
    }

    private func makeReport(
        _ buildPlan: BuildPlan, plan: Plan, scriptPath: String, failures: [String: String], digest: String
    ) -> BuildReport {
        let segments = buildPlan.items.map { item in
            let (status, reason): (BuildReport.Status, String) =
                if let error = failures[item.segmentID] {
                    (.failed, error)
                } else if case let .generate(why) = item.action {
                    (.generated, why.description)
                } else {
                    (.reused, "cached")
                }
            return BuildReport.Segment(
                id: item.segmentID, key: item.key, status: status, reason: reason, frames: item.frames,
                startFrame: item.startFrame)
        }
        return BuildReport(
            version: BuildReport.currentVersion, script: scriptPath, output: settings.outputName,
            size: settings.size.description, frameRate: plan.frameRate.description, totalFrames: plan.totalFrames,
            inputsDigest: digest, videoWritten: false,
            generated: segments.count { $0.status == .generated }, reused: segments.count { $0.status == .reused },
            failed: segments.count { $0.status == .failed }, segments: segments)
    }

    private func encode(_ report: BuildReport) throws(AnimaticError) -> Data {
        do { return try report.jsonData() } catch {
            throw AnimaticError(.internalFailure, "cannot encode the build report: \(error)")
        }
    }
}

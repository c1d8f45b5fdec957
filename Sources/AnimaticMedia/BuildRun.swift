import Animatic
import AnimaticCommands
import ArgumentParser
import CutLists
import Foundation
import Generation

extension BuildCommand {
    /// Runs the build in this process, with its progress on the terminal; Ctrl-C stops it.
    func runHere() async throws {
        let display = ProgressDisplay(level: quiet ? .quiet : verbose ? .verbose : .normal)
        let build = Task { try await self.build(events: display.show, recordingNoOp: true) }
        let trap = InterruptTrap()
        trap.watch { build.cancel() }
        do {
            _ = try await build.value
        } catch is CancellationError {
            printError("animatic: interrupted; finished segments stay cached\n")
            throw ExitCode(trap.exitStatus ?? 130)
        }
    }

    /// The build `runHere` runs, telling `events` its progress (the review page's rebuild
    /// runs it too, in its process): checks, then builds and returns the report; a dry run
    /// prints its plan and returns nil. `recordingNoOp`: the build records itself for the
    /// same command's next no-op (`recordNoOp`).
    func build(events: @escaping @Sendable (BuildEvent) -> Void, recordingNoOp: Bool = false) async throws -> BuildReport? {
        if recordingNoOp { Transcript.shared.start() }
        let input = try ScriptInput.read(file)
        let (project, chosen) = try options.settings(for: input, commandFlags: commandFlags)
        let cacheURL = self.sound.cache(chosen, for: input)
        var generator = try chosen.makeGenerator(cacheDirectory: cacheURL)
        var configuration = chosen.planConfiguration()
        configuration.backendMaxMilliseconds = generator.capabilities.longestClipMilliseconds
        let sound = self.sound.settings(chosen, loudness: loudness ?? -23)
        let review = try options.reviewFile.load(for: input)
        // The lines the cache lacks are spoken to time the shots but written only once the
        // build is priced and goes ahead: a dry run or a refused build creates nothing.
        var compilation = try Compilation(
            input, configuration: configuration, revisions: review.revisions, sound: sound, cache: cacheURL,
            storing: false)
        review.warnAboutStaleEntries(in: compilation.plan)
        try report(compilation.diagnostics, path: input.displayPath)
        // Every prompt is checked before any request; a blocked one stops here (exit 65).
        let compliance = try chosen.complianceChecker(backend: generator.name).check(compilation.plan, source: input.bytes)
        try report(compliance.diagnostics, path: input.displayPath)
        compilation.plan = compliance.plan

        let outputURL: URL
        if let output {
            outputURL = URL(fileURLWithPath: output)
        } else if let script = input.url {
            outputURL = BuildSettings.defaultOutput(for: script)
        } else {
            throw AnimaticError(.usage, Self.stdinNeedsOutput)
        }
        // The depfile's target as make names it: the path as given, relative when it was.
        let outputName = output ?? (file as NSString).deletingPathExtension + ".mp4"
        var settings = BuildSettings(
            output: outputURL.standardizedFileURL, cacheDirectory: cacheURL, planConfiguration: configuration,
            depfile: depfile.map { URL(fileURLWithPath: $0) }, outputName: outputName, chosen: chosen)
        settings.projectFile = project?.displayPath
        settings.loudness = sound.loudness
        settings.reviewFile = review?.displayPath
        if let level = chosen.quality {
            // Which shots are finals is known only now, from the plan and the review file.
            let choice = QualityChoice(level: level, plan: compilation.plan, review: review?.review, all: all)
            generator = try chosen.makeGenerator(cacheDirectory: cacheURL, finalSegments: choice.finalSegments)
            settings.quality = choice
        }
        settings.reviewMarks = review?.review.storyboardMarks ?? [:]
        // Before any work: no output replaces an input or another output, and every one has
        // a folder that takes files (a dry run checks the first and creates nothing).
        let paths = OutputPaths(build: settings, shots: compilation.plan.shots.count)
        try paths.checkAgainst(
            OutputPaths.inputs(script: input.url, projectFile: project?.url, others: generator.inputFiles))
        if dryRun {
            try printDryRun(
                Builder(settings: settings, generator: generator), compilation: compilation, input: input,
                costs: chosen.costTable())
            return nil
        }
        if let limit = chosen.maxCost {
            try checkCost(
                Builder(settings: settings, generator: generator), compilation: compilation, input: input,
                costs: chosen.costTable(), limit: limit)
        }
        let printed = Transcript.shared.stop()
        try compilation.voicing?.store()
        try paths.prepareFolders()
        let builder = Builder(settings: settings, generator: generator, events: events)
        let built = try await builder.build(compilation.plan, scriptPath: input.displayPath, voicing: compilation.voicing)
        if recordingNoOp {
            let read = OutputPaths.inputs(script: input.url, projectFile: project?.url, others: generator.inputFiles).map(\.url.path)
                + [review?.url.path, chosen.complianceNames?.path, chosen.complianceBrands?.path, chosen.music?.path].compactMap { $0 }
                + (compilation.voicing?.inputFiles ?? [])
            await recordNoOp(
                built, builder: builder, printed: printed, inputs: read, outputs: paths.outputs.map(\.url), project: project?.url)
        }
        return built
    }

    /// The estimate for what `builder` would generate now.
    private func estimate(_ builder: Builder, plan: StepPlan, costs: CostTable) -> CostEstimate {
        CostEstimate.make(
            plan: plan, table: costs, previous: BuildReport.read(builder.settings.reportURL),
            parallelJobs: min(builder.settings.jobs, builder.generator.capabilities.maxParallelJobs ?? .max))
    }

    /// Refuses, before any work, a build estimated above `limit` or at an unknown price.
    private func checkCost(
        _ builder: Builder, compilation: Compilation, input: ScriptInput, costs: CostTable, limit: Double
    ) throws {
        let plan = try builder.stepPlan(for: compilation.plan, scriptPath: input.displayPath, voicing: compilation.voicing)
        let estimate = estimate(builder, plan: plan, costs: costs)
        let limitText = String(format: "%.2f", limit) + " " + estimate.currency
        guard let price = estimate.totalPrice else {
            let unpriced = estimate.lines.flatMap(\.unpriced).joined(separator: ", ")
            throw AnimaticError(
                .unavailable,
                "the build's price cannot be estimated (no price for \(unpriced)), so it cannot be held to --max-cost "
                    + "\(limitText); set cost.prices in the project file")
        }
        if price > limit {
            throw AnimaticError(
                .unavailable,
                "the build is estimated at " + String(format: "%.2f", price) + " \(estimate.currency), above --max-cost "
                    + "\(limitText); nothing was generated (animatic build --dry-run shows the requests)")
        }
    }

    /// Prints the steps a build would take and their estimated cost, as text or JSON, touching nothing.
    private func printDryRun(_ builder: Builder, compilation: Compilation, input: ScriptInput, costs: CostTable) throws {
        let plan = try builder.stepPlan(for: compilation.plan, scriptPath: input.displayPath, voicing: compilation.voicing)
        let estimate = estimate(builder, plan: plan, costs: costs)
        let text: Data
        if json {
            do {
                text = try StepPlanJSON.encode(
                    plan, script: input.displayPath, output: builder.settings.outputName, estimate: estimate)
            } catch {
                throw AnimaticError(.internalFailure, "cannot encode the build plan: \(error)")
            }
        } else {
            text = Data(StepPlanText.render(plan, estimate: estimate).utf8)
        }
        FileHandle.standardOutput.write(text)
    }
}

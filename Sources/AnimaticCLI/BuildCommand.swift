import Animatic
import ArgumentParser
import CutLists
import Foundation
import Generation

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the animatic: parse, plan, generate every segment (cached), edit, write the video.",
        discussion: """
            Writes the video (default: the script's name with .mp4, beside it) and, beside the \
            video, <name>.plan.json, <name>.report.json (docs/build-report.md) and <name>.media/ \
            with one clip per segment. Clips are cached by content in --cache-dir, so a rebuild \
            regenerates only what changed. Script errors exit 65 before any work; Ctrl-C stops \
            cleanly (exit 130, or 143 on SIGTERM) and leaves no partial output. A segment the \
            backend cannot make (after its retries) exits 69: by default the build starts no \
            new segment, lets the running ones finish (they stay cached), writes the report \
            and no video; with --keep-going a red failure card of the same length stands in \
            for it and every output is written. The next build tries failed segments again. \
            Settings not given as flags come from animatic.yaml or animatic.toml beside the \
            script (docs/project-file.md). Before any work, every output path is checked: \
            none may replace the script, the project file, the review file \
            (<name>.review.yaml beside the script) or another output (exit 64), missing \
            folders are created, and one that takes no files is named (exit 73). FILE - reads \
            the script from standard input and then needs -o; -o - is refused (an MP4 cannot \
            be finished on a pipe).
            """
    )

    @Argument(help: "The Fountain script, or - for standard input (then -o is needed).")
    var file: String

    @Option(name: .shortAndLong, help: "The video to write (default: <script name>.mp4 beside the script); its folder is created when missing.")
    var output: String?

    @Option(help: "Segments to generate at once (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Frame size, WxH with even numbers (default: 1280x720).")
    var size: FrameSize?

    @Option(help: "Write a make dependency file listing every file the build read.")
    var depfile: String?

    @Option(help: "Cut lists to write beside the video, comma-separated: edl, fcp7, fcpxml, otio, srt, csv, html, sheet (the contact sheet PNG); or none (default: all).")
    var cutlists: CutListSet?

    @Option(name: .customLong("edl-flavor"), help: "EDL conventions: avid, premiere or resolve (default: resolve).")
    var edlFlavor: EDLFlavor?

    @Flag(name: .customLong("keep-going"), inversion: .prefixedNo,
          help: "When a segment fails, put a failure card of the same length in its place and finish the build (still exit 69).")
    var keepGoing: Bool?

    @Option(help: "Quality control of every clip (docs/qc.md): off, warn, retake (make a failing clip again with the next seed, keep the best take) or strict (as retake, exit 69 when the best take still fails). Default: off for the cards renderer, retake for the others.")
    var qc: QCPolicy?

    @Option(name: .customLong("qc-retakes"), help: "Retakes of a clip that fails quality control (default: 2).")
    var qcRetakes: Int?

    @Flag(name: .customLong("dry-run"),
          help: "Print the build's steps, what runs and why, and the requests per backend; generate and write nothing.")
    var dryRun = false

    @Flag(help: "With --dry-run: print the plan as JSON (docs/build-plan-json.md).")
    var json = false

    @Option(name: .customLong("max-cost"),
            help: "Refuse (exit 69) to start a build whose estimated price is above AMOUNT, or unknown (see --dry-run).")
    var maxCost: Double?

    @Flag(help: "With --quality final: make every shot final, not only those the review file approved or picked.")
    var all = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Also print a line per generated segment.")
    var verbose = false

    @Option(help: "The soundtrack's integrated loudness in LUFS, EBU R128 (default: -23; -16 for the web).")
    var loudness: Double?

    @OptionGroup var sound: SoundOptions

    @OptionGroup var options: PlanOptions

    func validate() throws {
        if let jobs, !SettingLimits.jobs.contains(jobs) { throw ValidationError("--jobs must be from 1 to 64") }
        if let qcRetakes, !SettingLimits.qcRetakes.contains(qcRetakes) { throw ValidationError("--qc-retakes must be from 0 to 10") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
        if json && !dryRun { throw ValidationError("--json needs --dry-run") }
        if all && options.backend.quality != .final { throw ValidationError("--all needs --quality final") }
        if let maxCost, !(maxCost.isFinite && maxCost >= 0) { throw ValidationError("--max-cost must be a number, 0 or more") }
        if output == "-" {
            // An MP4 is finished by seeking back to write its index, which a pipe cannot do.
            throw ValidationError("-o -: the video cannot go to standard output; name a file")
        }
        if let loudness, !(-70.0 ... -5.0).contains(loudness) { throw ValidationError("--loudness must be from -70 to -5 LUFS") }
        if file == "-" && output == nil {
            throw ValidationError(Self.stdinNeedsOutput)
        }
    }

    /// Why `build -` needs `-o`.
    static let stdinNeedsOutput = "build -: a script from standard input has no name to give the outputs; name the video with -o"

    func run() async throws {
        let display = ProgressDisplay(level: quiet ? .quiet : verbose ? .verbose : .normal)
        let build = Task { try await self.build(events: display.show) }
        let trap = InterruptTrap()
        trap.watch { build.cancel() }
        do {
            _ = try await build.value
        } catch is CancellationError {
            printError("animatic: interrupted; finished segments stay cached\n")
            throw ExitCode(trap.exitStatus ?? 130)
        }
    }

    /// The build `run` runs, telling `events` its progress (the review page's rebuild runs
    /// it too, in its process): checks, then builds and returns the report; a dry run
    /// prints its plan and returns nil.
    func build(events: @escaping @Sendable (BuildEvent) -> Void) async throws -> BuildReport? {
        let input = try ScriptInput.read(file)
        var flags = ProjectSettings()
        flags.size = size
        flags.jobs = jobs
        flags.cacheDirectory = sound.cacheDirectory.map { URL(fileURLWithPath: $0) }
        flags.cutLists = cutlists?.formats
        flags.edlFlavor = edlFlavor
        flags.keepGoing = keepGoing
        flags.maxCost = maxCost
        flags.qcPolicy = qc
        flags.qcRetakes = qcRetakes
        let (project, chosen) = try options.settings(for: input, commandFlags: flags)
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
        try compilation.voicing?.store()
        try paths.prepareFolders()
        let builder = Builder(settings: settings, generator: generator, events: events)
        return try await builder.build(compilation.plan, scriptPath: input.displayPath, voicing: compilation.voicing)
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

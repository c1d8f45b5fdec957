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
            script (docs/project-file.md).
            """
    )

    @Argument(help: "The Fountain script.")
    var file: String

    @Option(name: .shortAndLong, help: "The video to write (default: <script name>.mp4 beside the script).")
    var output: String?

    @Option(help: "Segments to generate at once (default: the number of cores).")
    var jobs: Int?

    @Option(name: .customLong("cache-dir"), help: "The clip cache (default: .animatic-cache/ beside the script).")
    var cacheDirectory: String?

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

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Also print a line per generated segment.")
    var verbose = false

    @Option(help: "The soundtrack: scratch (every line spoken by eSpeak NG, or its [[audio:]] take; the default) or none (a silent video).")
    var audio: SoundSettings.Mode?

    @Option(help: "Shot timing with sound: voice (each dialogue shot at least its spoken audio plus a breath; the default) or estimate (words a minute).")
    var timing: SoundSettings.Timing?

    @Option(help: "The soundtrack's integrated loudness in LUFS, EBU R128 (default: -23; -16 for the web).")
    var loudness: Double?

    @OptionGroup var options: PlanOptions

    func validate() throws {
        if let jobs, !SettingLimits.jobs.contains(jobs) { throw ValidationError("--jobs must be from 1 to 64") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
        if file == "-" { throw ValidationError("build needs a script file, not standard input") }
        if let loudness, !(-70.0 ... -5.0).contains(loudness) { throw ValidationError("--loudness must be from -70 to -5 LUFS") }
    }

    func run() async throws {
        let input = try ScriptInput.read(file)
        guard let script = input.url else { throw AnimaticError(.usage, "build needs a script file") }
        var flags = ProjectSettings()
        flags.size = size
        flags.jobs = jobs
        flags.cacheDirectory = cacheDirectory.map { URL(fileURLWithPath: $0) }
        flags.cutLists = cutlists?.formats
        flags.edlFlavor = edlFlavor
        flags.keepGoing = keepGoing
        let (project, chosen) = try options.settings(for: input, commandFlags: flags)
        let cacheURL = chosen.cacheDirectory ?? BuildSettings.defaultCache(for: script)
        let generator = try chosen.makeGenerator(cacheDirectory: cacheURL)
        var configuration = chosen.planConfiguration()
        configuration.backendMaxMilliseconds = generator.capabilities.longestClipMilliseconds
        let sound = SoundSettings(
            mode: audio ?? .scratch, timing: timing ?? .voice, loudness: loudness ?? -23, music: chosen.music)
        let compilation = try Compilation(input, configuration: configuration, sound: sound, cache: cacheURL)
        try report(compilation.diagnostics, path: input.displayPath)

        let outputURL = output.map { URL(fileURLWithPath: $0) } ?? BuildSettings.defaultOutput(for: script)
        var settings = BuildSettings(
            output: outputURL.standardizedFileURL, cacheDirectory: cacheURL, planConfiguration: configuration,
            depfile: depfile.map { URL(fileURLWithPath: $0) }, outputName: output ?? outputURL.path, chosen: chosen)
        settings.projectFile = project?.displayPath
        settings.loudness = sound.loudness
        let display = ProgressDisplay(level: quiet ? .quiet : verbose ? .verbose : .normal)
        let builder = Builder(settings: settings, generator: generator, events: display.show)

        let build = Task { try await builder.build(compilation.plan, scriptPath: input.displayPath, voicing: compilation.voicing) }
        let trap = InterruptTrap()
        trap.watch { build.cancel() }
        do {
            _ = try await build.value
        } catch is CancellationError {
            printError("animatic: interrupted; finished segments stay cached\n")
            throw ExitCode(trap.exitStatus ?? 130)
        }
    }
}

extension SoundSettings.Mode: ExpressibleByArgument {}
extension SoundSettings.Timing: ExpressibleByArgument {}

import Project
import ArgumentParser
import CutLists
import Foundation
import SettingValues

package struct BuildCommand: AsyncParsableCommand {
    /// The argument parser makes one from the command line.
    package init() {}

    package static let configuration = CommandConfiguration(
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
    package var file: String

    @Option(name: .shortAndLong, help: "The video to write (default: <script name>.mp4 beside the script); its folder is created when missing.")
    package var output: String?

    @Option(help: "Segments to generate at once (default: the number of cores).")
    package var jobs: Int?

    @Option(help: "Frame size, WxH with even numbers (default: 1280x720).")
    package var size: FrameSize?

    @Option(help: "Write a make dependency file listing every file the build read.")
    package var depfile: String?

    @Option(help: "Cut lists to write beside the video, comma-separated: edl, fcp7, fcpxml, otio, srt, csv, html, sheet (the contact sheet PNG); or none (default: all).")
    package var cutlists: CutListSet?

    @Option(name: .customLong("edl-flavor"), help: "EDL conventions: avid, premiere or resolve (default: resolve).")
    package var edlFlavor: EDLFlavor?

    @Flag(name: .customLong("keep-going"), inversion: .prefixedNo,
          help: "When a segment fails, put a failure card of the same length in its place and finish the build (still exit 69).")
    package var keepGoing: Bool?

    @Option(help: "Quality control of every clip (docs/qc.md): off, warn, retake (make a failing clip again with the next seed, keep the best take) or strict (as retake, exit 69 when the best take still fails). Default: off for the cards renderer, retake for the others.")
    package var qc: QCPolicy?

    @Option(name: .customLong("qc-retakes"), help: "Retakes of a clip that fails quality control (default: 2).")
    package var qcRetakes: Int?

    @Flag(name: .customLong("dry-run"),
          help: "Print the build's steps, what runs and why, and the requests per backend; generate and write nothing.")
    package var dryRun = false

    @Flag(help: "With --dry-run: print the plan as JSON (docs/build-plan-json.md).")
    package var json = false

    @Option(name: .customLong("max-cost"),
            help: "Refuse (exit 69) to start a build whose estimated price is above AMOUNT, or unknown (see --dry-run).")
    package var maxCost: Double?

    @Flag(help: "With --quality final: make every shot final, not only those the review file approved or picked.")
    package var all = false

    @Flag(help: "Print nothing but errors.")
    package var quiet = false

    @Flag(help: "Also print a line per generated segment.")
    package var verbose = false

    @Option(help: "The soundtrack's integrated loudness in LUFS, EBU R128 (default: -23; -16 for the web).")
    package var loudness: Double?

    @OptionGroup package var sound: SoundOptions

    @OptionGroup package var options: PlanOptions

    package func validate() throws {
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
    package static let stdinNeedsOutput = "build -: a script from standard input has no name to give the outputs; name the video with -o"

    package func run() async throws {
        // A command run again with nothing changed is done here: no planning, and in the
        // front end no media layer either (`NoOpRecord`).
        if finishIfUpToDate() { return }
        try await MediaContext.require().build(self)
    }

    /// The settings this command's own flags give, nil where a flag is not given.
    package var commandFlags: ProjectSettings {
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
        return flags
    }
}

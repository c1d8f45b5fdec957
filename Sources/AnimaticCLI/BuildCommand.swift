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
            cleanly (exit 130, or 143 on SIGTERM) and leaves no partial output.
            """
    )

    @Argument(help: "The Fountain script.")
    var file: String

    @Option(name: .shortAndLong, help: "The video to write (default: <script name>.mp4 beside the script).")
    var output: String?

    @Option(help: "Segments to generate at once (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("cache-dir"), help: "The clip cache (default: .animatic-cache/ beside the script).")
    var cacheDirectory: String?

    @Option(help: "Frame size, WxH with even numbers.")
    var size = "1280x720"

    @Option(help: "Write a make dependency file listing every file the build read.")
    var depfile: String?

    @Option(help: "Cut lists to write beside the video, comma-separated: edl, fcp7, fcpxml, otio, srt, csv, html, sheet (the contact sheet PNG); or none.")
    var cutlists = CutListFormat.allCases.map(\.rawValue).joined(separator: ",")

    @Option(name: .customLong("edl-flavor"), help: "EDL conventions: avid, premiere or resolve.")
    var edlFlavor: EDLFlavor = .resolve

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Also print a line per generated segment.")
    var verbose = false

    @Option(help: "The generator: cards (the built-in storyboard), command, dashscope or comfyui (docs/backends.md).")
    var backend: BackendKind = .cards

    @Option(name: .customLong("command-template"),
            help: "For --backend command: the program and its arguments with {prompt}, {seed}, {frames}, {width}, {height}, {output}, ...")
    var commandTemplate: String?

    @Option(name: .customLong("dashscope-url"), help: "For --backend dashscope: the regional base URL.")
    var dashScopeURL: String?

    @Option(name: .customLong("comfyui-url"), help: "For --backend comfyui: a server URL (repeat for several servers).")
    var comfyUIURLs: [String] = []

    @Option(name: .customLong("comfyui-workflow"), help: "For --backend comfyui: the API-format workflow JSON.")
    var comfyUIWorkflow: String?

    @OptionGroup var options: PlanOptions

    func validate() throws {
        if FrameSize(size) == nil { throw ValidationError("--size must be WxH with positive even numbers, not '\(size)'") }
        if !(1...64).contains(jobs) { throw ValidationError("--jobs must be from 1 to 64") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
        if file == "-" { throw ValidationError("build needs a script file, not standard input") }
        _ = try cutListFormats()
    }

    /// The formats named by `--cutlists`.
    private func cutListFormats() throws -> [CutListFormat] {
        if cutlists == "none" { return [] }
        return try cutlists.split(separator: ",").map { name in
            guard let format = CutListFormat(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--cutlists: unknown format '\(name)'; use edl, fcp7, fcpxml, otio, srt, csv, html, sheet or none")
            }
            return format
        }
    }

    func run() async throws {
        let input: ScriptInput
        do { input = try ScriptInput.read(file) } catch { fail(error) }
        guard let script = input.url else { fail(AnimaticError(.usage, "build needs a script file")) }
        let cacheURL = cacheDirectory.map { URL(fileURLWithPath: $0) } ?? BuildSettings.defaultCache(for: script)
        let generator = makeGenerator(cacheDirectory: cacheURL)
        var configuration = options.configuration
        configuration.backendMaxMilliseconds = generator.capabilities.longestClipMilliseconds
        let compilation = Compilation(input, configuration: configuration)
        printError(DiagnosticReport.render(compilation.diagnostics, path: input.displayPath))
        if compilation.hasErrors { throw ExitCode(AnimaticError.Kind.badInput.exitCode) }

        let outputURL = output.map { URL(fileURLWithPath: $0) } ?? BuildSettings.defaultOutput(for: script)
        let settings = BuildSettings(
            output: outputURL.standardizedFileURL,
            cacheDirectory: cacheURL,
            size: FrameSize(size) ?? FrameSize(width: 1280, height: 720), planConfiguration: configuration,
            jobs: jobs, depfile: depfile.map { URL(fileURLWithPath: $0) }, outputName: output ?? outputURL.path,
            cutLists: try cutListFormats(), edlFlavor: edlFlavor)
        let display = ProgressDisplay(level: quiet ? .quiet : verbose ? .verbose : .normal)
        let builder = Builder(settings: settings, generator: generator, events: display.show)

        let build = Task { try await builder.build(compilation.plan, scriptPath: input.displayPath) }
        let trap = InterruptTrap()
        trap.watch { build.cancel() }
        do {
            _ = try await build.value
        } catch is CancellationError {
            printError("animatic: interrupted; finished segments stay cached\n")
            throw ExitCode(trap.exitStatus ?? 130)
        } catch let error as AnimaticError {
            fail(error)
        } catch {
            fail(AnimaticError(.internalFailure, "\(error)"))
        }
    }

    /// The backend the flags name; the built-in renderer runs as it is, the others under
    /// the retrying, rate-limited scheduler. A missing or unreadable flag is a usage error.
    private func makeGenerator(cacheDirectory: URL) -> any Generator {
        let backendOptions = BackendOptions(
            kind: backend, commandTemplate: commandTemplate, dashScopeURL: dashScopeURL.flatMap(URL.init(string:)),
            comfyUIURLs: comfyUIURLs.compactMap(URL.init(string:)), comfyUIWorkflow: comfyUIWorkflow.map { URL(fileURLWithPath: $0) })
        do {
            let generator = try backendOptions.makeGenerator(cacheDirectory: cacheDirectory)
            return backend == .cards ? generator : ScheduledGenerator(backend: generator)
        } catch {
            fail(AnimaticError(.usage, error.description))
        }
    }
}

extension BackendKind: ExpressibleByArgument {}

import Project
import ArgumentParser
import CutLists
import Foundation

package struct ExportCommand: ParsableCommand {
    /// The argument parser makes one from the command line.
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one cut list from the plan alone, without rendering.",
        discussion: """
            Names the media `animatic build` would write: <script name>.media/<segment id>.mp4 \
            beside the output (beside the script when writing to standard output), with the \
            take quality control chose for a shot the review file picks none of, as the \
            build of <script name>.mp4 there reports. Writes \
            <script name>.<extension> beside the script unless -o is given (- for standard \
            output; its folder is created when missing); the file is replaced atomically, and \
            never replaces the script or the project file. Diagnostics go to standard error; \
            nothing is written when the script has errors (exit 65).
            """
    )

    @Argument(help: "The Fountain script, or - for standard input.")
    package var file: String

    @Option(help: "The cut list: \(CutListFormat.textFormats.map(\.rawValue).joined(separator: ", ")).")
    package var format: CutListFormat

    @Option(name: .shortAndLong, help: "Where to write it (- for standard output).")
    package var output: String?

    @Option(name: .customLong("edl-flavor"), help: "EDL conventions: avid, premiere or resolve (default: resolve).")
    package var edlFlavor: EDLFlavor?

    @OptionGroup package var sound: SoundOptions

    @OptionGroup package var plan: PlanOptions

    package func validate() throws {
        guard format.isText else {
            throw ValidationError("--format \(format.rawValue): the contact sheet is drawn from rendered clips; `animatic build` writes it")
        }
        try plan.validate()
    }

    package func run() throws {
        try sound.requireMediaForSound()
        try plan.requireMediaForBackend(file: file)
        let input = try ScriptInput.read(file)
        var flags = ProjectSettings()
        flags.edlFlavor = edlFlavor
        let (settings, configuration, projectURL) = try plan.planning(for: input, commandFlags: flags)
        let review = try plan.reviewFile.load(for: input)
        // Timed as `build` times it, so the cut list names the clips the build makes.
        let (compilation, voiced) = try sound.compile(
            input, configuration: configuration, revisions: review.revisions, chosen: settings)
        review.warnAboutStaleEntries(in: compilation.plan)
        try report(compilation.diagnostics, path: input.displayPath)

        let name = input.url?.deletingPathExtension().lastPathComponent ?? "animatic"
        let scriptDirectory = input.url?.deletingLastPathComponent() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let destination: URL? = switch output {
        case "-"?: nil
        case let path?: URL(fileURLWithPath: path)
        case nil: scriptDirectory.appendingPathComponent(name + "." + format.fileExtension)
        }
        let mediaDirectory = destination?.deletingLastPathComponent() ?? scriptDirectory
        let video = mediaDirectory.appendingPathComponent(name + ".mp4")
        // The takes the build of that video put on its timeline (docs/qc.md, "Takes").
        let plan = compilation.plan.placingTakes(BuiltTakeChoices(forVideo: video))
        let timeline = Timeline(plan: plan, media: .beside(video: video), title: name, audio: voiced)
        // validate() admits text formats only.
        let text = Data((format.render(
            timeline, edlFlavor: settings.edlFlavor ?? .resolve, reviews: review?.review.storyboardMarks ?? [:]) ?? "").utf8)
        guard let destination else {
            FileHandle.standardOutput.write(text)
            return
        }
        let paths = OutputPaths([OutputPaths.Output("the \(format.rawValue) cut list", destination, option: "-o")])
        try paths.checkAgainst(OutputPaths.inputs(script: input.url, projectFile: projectURL))
        try paths.prepareFolders()
        do { try text.write(to: destination, options: .atomic) } catch {
            throw AnimaticError(.cannotCreate, "cannot write \(destination.path): \(error.localizedDescription)")
        }
    }
}

import Animatic
import ArgumentParser
import CutLists
import Foundation
import Planning
import Screenplay

extension CutListFormat: ExpressibleByArgument {
    /// The formats `export` can write: the contact sheet needs rendered clips.
    public static var allValueStrings: [String] { textFormats.map(\.rawValue) }
}
extension EDLFlavor: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one cut list from the plan alone, without rendering.",
        discussion: """
            Names the media `animatic build` would write: <script name>.media/<segment id>.mp4 \
            beside the output (beside the script when writing to standard output). Writes \
            <script name>.<extension> beside the script unless -o is given (- for standard \
            output); the file is replaced atomically. Diagnostics go to standard error; \
            nothing is written when the script has errors (exit 65).
            """
    )

    @Argument(help: "The Fountain script, or - for standard input.")
    var file: String

    @Option(help: "The cut list: \(CutListFormat.textFormats.map(\.rawValue).joined(separator: ", ")).")
    var format: CutListFormat

    @Option(name: .shortAndLong, help: "Where to write it (- for standard output).")
    var output: String?

    @Option(name: .customLong("edl-flavor"), help: "EDL conventions: avid, premiere or resolve (default: resolve).")
    var edlFlavor: EDLFlavor?

    @OptionGroup var plan: PlanOptions

    func validate() throws {
        guard format.isText else {
            throw ValidationError("--format \(format.rawValue): the contact sheet is drawn from rendered clips; `animatic build` writes it")
        }
        try plan.validate()
    }

    func run() throws {
        let input: ScriptInput
        do { input = try ScriptInput.read(file) } catch { fail(error) }
        let (fromFile, configuration) = try plan.planning(for: input)
        let review = try plan.reviewFile.load(for: input)
        let parsed = FountainReader.parse(input.bytes)
        let result = Planner(configuration: configuration, revisions: review.revisions).plan(parsed.screenplay)
        printError(DiagnosticReport.render(parsed.diagnostics + result.diagnostics, path: input.displayPath))
        review.warnAboutStaleEntries(in: result.plan)
        if parsed.hasErrors { throw ExitCode(AnimaticError.Kind.badInput.exitCode) }

        let name = input.url?.deletingPathExtension().lastPathComponent ?? "animatic"
        let scriptDirectory = input.url?.deletingLastPathComponent() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let destination: URL? = switch output {
        case "-"?: nil
        case let path?: URL(fileURLWithPath: path)
        case nil: scriptDirectory.appendingPathComponent(name + "." + format.fileExtension)
        }
        let mediaDirectory = destination?.deletingLastPathComponent() ?? scriptDirectory
        let timeline = Timeline(plan: result.plan, media: .beside(video: mediaDirectory.appendingPathComponent(name + ".mp4")),
                                title: name)
        // validate() admits text formats only.
        let text = Data((format.render(timeline, edlFlavor: edlFlavor ?? fromFile.edlFlavor ?? .resolve) ?? "").utf8)
        guard let destination else {
            FileHandle.standardOutput.write(text)
            return
        }
        do { try text.write(to: destination, options: .atomic) } catch {
            fail(AnimaticError(.cannotCreate, "cannot write \(destination.path): \(error.localizedDescription)"))
        }
    }
}

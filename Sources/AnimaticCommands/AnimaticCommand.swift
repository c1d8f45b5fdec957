import Project
import ArgumentParser
import Foundation
import QuickCommands
import Screenplay

package struct AnimaticCommand: AsyncParsableCommand {
    /// The argument parser makes one from the command line.
    package init() {}

    /// The program's version, `animatic --version`.
    package static let version = "0.1.0"

    package static let configuration = CommandConfiguration(
        commandName: "animatic",
        abstract: "Compile a Fountain screenplay into an animatic.",
        discussion: "Exit codes: 0 success, 64 usage, 65 script errors, 66 missing input, 69 service unavailable, 70 internal error, 73 cannot create output, 74 I/O error.",
        version: version,
        subcommands: [ParseCommand.self, CheckCommand.self, PlanCommand.self, BuildCommand.self, ExportCommand.self, ReviewCommand.self]
    )

    /// Parses the command line and runs the command, with `media` doing the work that
    /// needs the media layer: the `animatic-media` helper passes its own, the `animatic`
    /// front end none, and then hands any command that needs it to the helper (`HandOver`)
    /// before it has read or printed anything. The one place the program ends on an error:
    /// whatever a command throws is mapped to its exit code here, after every task it
    /// started has finished.
    package static func main(media: (any MediaCommands)?) async {
        MediaContext.commands = media
        let arguments = Array(CommandLine.arguments.dropFirst())
        let parsed: ParsableCommand
        do {
            try checkSubcommand(arguments)
            parsed = try parseAsRoot(arguments)
        } catch {
            exit(after: error)
        }
        do {
            if var command = parsed as? AsyncParsableCommand {
                try await command.run()
            } else {
                var command = parsed
                try command.run()
            }
        } catch is HandOver {
            exit(after: MediaHelper.exec(arguments))
        } catch {
            exit(after: error)
        }
    }

    /// Runs `animatic check FILE` (`QuickCheck`) on the calling thread, before the
    /// concurrency runtime starts a task or a thread, and ends the program; returns at once
    /// for any other command line, which `main` parses. `media` as for `main`.
    package static func checkQuickly(media: (any MediaCommands)?) {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let file = QuickCheck.file(in: arguments) else { return }
        MediaContext.commands = media
        do {
            try CheckCommand.check(file, compliance: false, options: OptionsLeftOut())
        } catch is HandOver {
            exit(after: MediaHelper.exec(arguments))
        } catch {
            exit(after: error)
        }
        Foundation.exit(0)
    }

    /// `animatic biuld film.fountain`: a first word that names no command is a usage error,
    /// with the command it is a slip for.
    private static func checkSubcommand(_ arguments: [String]) throws(AnimaticError) {
        guard let first = arguments.first, !first.hasPrefix("-") else { return }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        guard !names.contains(first) else { return }
        let help = SpellingSuggestion.closest(to: first, among: names).map { "; did you mean '\($0)'?" }
            ?? "; the commands are " + names.joined(separator: ", ")
        throw AnimaticError(.usage, "unknown command '\(first)'\(help)")
    }

    /// Ends the program with the exit code `error` maps to: an `AnimaticError`'s own
    /// (its message printed), 65 for diagnostics already printed, the argument parser's for
    /// usage, help and `--version`, and 70 for anything unforeseen.
    private static func exit(after error: Error) -> Never {
        switch error {
        case let error as AnimaticError:
            printError("animatic: error: \(error.message)\n")
            Foundation.exit(error.exitCode)
        case is ReportedErrors:
            Foundation.exit(AnimaticError.Kind.badInput.exitCode)
        case let code as ExitCode:
            Foundation.exit(code.rawValue)
        default:
            // The argument parser's own errors (usage, help, version) carry their exit codes.
            let code = exitCode(for: error)
            guard code != .failure else {
                printError("animatic: error: internal error: \(error)\n")
                Foundation.exit(AnimaticError.Kind.internalFailure.exitCode)
            }
            exit(withError: error)
        }
    }
}

/// The script or project file has errors, already printed as diagnostics: the program
/// exits 65 and prints nothing more.
package struct ReportedErrors: Error {}

/// Prints diagnostics like a compiler, with their count; throws `ReportedErrors` when any
/// is an error.
package func report(_ diagnostics: [Diagnostic], path: String) throws(ReportedErrors) {
    printError(DiagnosticReport.render(diagnostics, path: path))
    if diagnostics.contains(where: { $0.severity == .error }) { throw ReportedErrors() }
}

/// Writes text to standard error (and to the `Transcript`, while one is kept).
package func printError(_ text: String) {
    Transcript.shared.add(text)
    FileHandle.standardError.write(Data(text.utf8))
}

/// What `printError` wrote while kept: what a build printed before its work, which its
/// `NoOpRecord` keeps for a no-op to print again.
package final class Transcript: @unchecked Sendable {
    package static let shared = Transcript()
    private let lock = NSLock()
    private var text: String?

    package init() {}

    /// Starts keeping (again, from nothing).
    package func start() { lock.withLock { text = "" } }

    /// Stops keeping; returns what was kept.
    package func stop() -> String { lock.withLock { defer { text = nil }; return text ?? "" } }

    /// Keeps `more`, while keeping.
    package func add(_ more: String) { lock.withLock { text? += more } }
}

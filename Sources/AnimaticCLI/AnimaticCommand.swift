import Animatic
import ArgumentParser
import Foundation

@main
struct AnimaticCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "animatic",
        abstract: "Compile a Fountain screenplay into an animatic.",
        discussion: "Exit codes: 0 success, 64 usage, 65 script errors, 66 missing input, 69 service unavailable, 70 internal error, 73 cannot create output, 74 I/O error.",
        subcommands: [ParseCommand.self, CheckCommand.self, PlanCommand.self, BuildCommand.self, ExportCommand.self, ReviewCommand.self]
    )
}

/// Prints `animatic: error: message` to standard error and exits with the error's code.
func fail(_ error: AnimaticError) -> Never {
    FileHandle.standardError.write(Data("animatic: error: \(error.message)\n".utf8))
    Foundation.exit(error.exitCode)
}

/// Writes text to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

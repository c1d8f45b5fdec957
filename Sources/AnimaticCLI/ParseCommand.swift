import Animatic
import ArgumentParser
import Foundation
import Screenplay

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print the screenplay's tree with source ranges, or its JSON form.",
        discussion: "Diagnostics go to standard error. Exits 65 when the script has errors."
    )

    @Argument(help: "The Fountain script, or - for standard input.")
    var file: String

    @Flag(help: "Print the documented, versioned JSON form (docs/screenplay-json.md).")
    var json = false

    func run() throws {
        let (input, result) = readScript(file)
        if json {
            let data: Data
            do { data = try ScreenplayDocument(result).jsonData() } catch {
                fail(AnimaticError(.internalFailure, "cannot encode the tree as JSON: \(error)"))
            }
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(TreeDump.dump(result.screenplay).utf8))
        }
        try report(result, for: input)
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Print the script's diagnostics only.",
        discussion: "Exits 0 when there are no errors (warnings allowed), 65 when there are."
    )

    @Argument(help: "The Fountain script, or - for standard input.")
    var file: String

    func run() throws {
        let (input, result) = readScript(file)
        try report(result, for: input)
    }
}

/// Reads and parses `file` (`-` for standard input); a missing or unreadable file ends the
/// program with exit 66.
private func readScript(_ file: String) -> (ScriptInput, ParseResult) {
    let input: ScriptInput
    do { input = try ScriptInput.read(file) } catch { fail(error) }
    return (input, FountainReader.parse(input.bytes))
}

/// Prints the diagnostics like a compiler; exits 65 when any is an error.
private func report(_ result: ParseResult, for input: ScriptInput) throws {
    printError(DiagnosticReport.render(result.diagnostics, path: input.displayPath))
    if result.hasErrors { throw ExitCode(AnimaticError.Kind.badInput.exitCode) }
}

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
        let input: ScriptInput
        do { input = try ScriptInput.read(file) } catch { fail(error) }
        let result = FountainReader.parse(input.bytes)
        if json {
            let data: Data
            do { data = try ScreenplayDocument(result).jsonData() } catch {
                fail(AnimaticError(.internalFailure, "cannot encode the tree as JSON: \(error)"))
            }
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(TreeDump.dump(result.screenplay).utf8))
        }
        printError(DiagnosticReport.render(result.diagnostics, path: input.displayPath))
        if result.hasErrors { throw ExitCode(AnimaticError(.badInput, "").exitCode) }
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
        let input: ScriptInput
        do { input = try ScriptInput.read(file) } catch { fail(error) }
        let result = FountainReader.parse(input.bytes)
        printError(DiagnosticReport.render(result.diagnostics, path: input.displayPath))
        if result.hasErrors { throw ExitCode(AnimaticError(.badInput, "").exitCode) }
    }
}

import Planning
import Screenplay

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `animatic check FILE` with no option, the form an editor or a Makefile runs again and again,
/// is run without the argument parser: decoding a command line by reflection over every
/// option of the command's tree costs more than checking a feature-length script (bench/README.md,
/// "Start-up"). Any other command line, `check -- FILE` included, goes through the parser,
/// which gives the same command (`CheckShortcutTests`).
///
/// The `animatic` launcher runs it itself when nothing beside the script changes the check
/// (`SideFiles`); the front end (`animatic-commands`) runs it with the project and review files.
package enum QuickCheck {
    /// The command's name, as the argument parser's `CheckCommand` has it (`CheckShortcutTests`).
    package static let command = "check"

    /// The script of a command line that is `check` and one argument the parser reads as the
    /// file (`-` or anything not starting with `-`); nil for any other.
    package static func file(in arguments: [String]) -> String? {
        guard arguments.count == 2, arguments[0] == command else { return nil }
        let file = arguments[1]
        return file == "-" || !file.hasPrefix("-") ? file : nil
    }

    /// The planner's configuration when no project file and no option sets any: what the
    /// front end's settings give then (`CheckShortcutTests`).
    package static let configuration = PlanConfiguration()

    /// Checks `file` (`-`: standard input) as the front end's `check FILE` does when no
    /// project or review file is beside it, prints the same diagnostics and ends the process
    /// with the same exit status (0, or 65 with an error). Returns, with nothing read or
    /// printed, when it cannot be sure of giving the front end's answer — a project or review
    /// file may be beside the script, or the script is missing, unreadable or not a regular
    /// file, or standard input cannot be read (the front end then says so in its words) — and
    /// the front end must run the command.
    package static func run(_ file: String) {
        let source: [UInt8]
        let displayPath: String
        if file == "-" {
            // No project or review file is looked for beside standard input. One that cannot
            // be read is the front end's to report, as for a file.
            guard let bytes = RawFile.readStandardInput() else { return }
            source = bytes
            displayPath = "<stdin>"
        } else {
            guard !SideFiles.mayApply(toScript: file), let bytes = RawFile.read(file) else { return }
            source = bytes
            displayPath = file
        }
        let parsed = FountainReader.parse(source)
        let diagnostics = ScriptCheck.diagnostics(parsed, configuration: configuration)
        RawFile.writeStandardError(DiagnosticReport.render(diagnostics, path: displayPath))
        let status: Int32 = diagnostics.contains { $0.severity == .error } ? 65 : 0
        // The process ends with the tree still held: freeing a feature's hundred thousand
        // objects one by one would cost a seventh of the check (bench/README.md, "Start-up").
        withExtendedLifetime(parsed) { exit(status) }
    }
}

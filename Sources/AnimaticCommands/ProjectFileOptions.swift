import Project
import ArgumentParser

/// `--config` and `--no-config`, shared by `check`, `plan`, `build` and `export`: which
/// project file (docs/project-file.md) supplies the settings no flag gives.
package struct ProjectFileOptions: ParsableArguments {
    /// The argument parser makes one from the command line.
    package init() {}

    @Option(help: "The project file (default: animatic.yaml or animatic.toml beside the script).")
    package var config: String?

    @Flag(name: .customLong("no-config"), help: "Read no project file.")
    package var noConfig = false

    package func validate() throws {
        if config != nil && noConfig { throw ValidationError("--config and --no-config cannot be used together") }
    }

    /// The project file for `input` (`config`, else the one beside it), or nil when there is
    /// none or `noConfig` (`--no-config`) is given. Prints its diagnostics; throws
    /// `ReportedErrors` when it has errors, and `AnimaticError` when it cannot be read.
    package static func load(config: String?, noConfig: Bool, for input: ScriptInput) throws -> ProjectFile? {
        if noConfig { return nil }
        guard let found = try ProjectFile.locate(explicit: config, script: input) else { return nil }
        let file = try ProjectFile.read(found.url, displayPath: found.displayPath)
        try report(file.diagnostics, path: file.displayPath)
        return file
    }
}

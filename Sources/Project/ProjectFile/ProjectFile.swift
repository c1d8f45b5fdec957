import Foundation
import Screenplay

/// The optional project file: `animatic.yaml` or `animatic.toml` beside the script (or the
/// file `--config` names), holding the settings a studio would otherwise repeat as flags in
/// every rule (docs/project-file.md).
public struct ProjectFile: Sendable {
    /// The names looked for beside a script.
    public static let names = ["animatic.yaml", "animatic.toml"]

    /// The file's path as diagnostics and the depfile name it.
    public var displayPath: String
    /// Its absolute URL.
    public var url: URL
    /// The settings it holds (those it could read, when it has errors).
    public var settings: ProjectSettings
    /// Its errors, `path:line:col` like a script's.
    public var diagnostics: [Diagnostic]

    /// Whether any diagnostic is an error; then the command stops (exit 65).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The project file for a script: `explicit` when given (`--config`), else the one beside
    /// `script` (nil for standard input); nil when there is none.
    /// - Throws: `AnimaticError` `.noInput` when `explicit` does not exist, `.usage` when it
    ///   is neither YAML nor TOML, `.badInput` when both files are beside the script.
    public static func locate(explicit: String?, script: ScriptInput) throws(AnimaticError) -> (url: URL, displayPath: String)? {
        if let explicit {
            guard Format(url: URL(fileURLWithPath: explicit)) != nil else {
                throw AnimaticError(.usage, "--config \(explicit): a project file ends in .yaml, .yml or .toml")
            }
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw AnimaticError(.noInput, "\(explicit): no such project file")
            }
            return (URL(fileURLWithPath: explicit).standardizedFileURL, explicit)
        }
        guard let scriptURL = script.url else { return nil }
        let directory = scriptURL.deletingLastPathComponent()
        let displayDirectory = DisplayPath.folder(of: script.displayPath)
        let present = names.filter { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
        guard present.count <= 1 else {
            let shown = displayDirectory.isEmpty ? "the script's directory" : displayDirectory
            throw AnimaticError(
                .badInput, "both \(present.joined(separator: " and ")) are in \(shown); keep one, or name one with --config")
        }
        return present.first.map { name in
            (directory.appendingPathComponent(name), DisplayPath.sibling(named: name, of: script.displayPath))
        }
    }

    /// Reads the project file at `url` (shown as `displayPath`).
    /// - Throws: `AnimaticError` `.noInput` when it cannot be read.
    public static func read(_ url: URL, displayPath: String) throws(AnimaticError) -> ProjectFile {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw AnimaticError(.noInput, "\(displayPath): cannot be read")
        }
        return parse(data, url: url, displayPath: displayPath)
    }

    /// The largest project file read. Real ones are a few hundred bytes; megabytes of
    /// keys took a minute and gigabytes of memory to read, only to be errors.
    public static let maximumSize = 1 << 20

    /// Reads a project file's `data`; its format comes from `url`'s extension and relative
    /// paths resolve against `url`'s directory.
    public static func parse(_ data: Data, url: URL, displayPath: String) -> ProjectFile {
        var file = ProjectFile(displayPath: displayPath, url: url, settings: ProjectSettings(), diagnostics: [])
        let errors: [ConfigError]
        do throws(ConfigError) {
            guard data.count <= maximumSize else {
                throw ConfigError(
                    "the project file is \(data.count) bytes; a project file holds at most \(maximumSize) (1 MiB)",
                    at: .at(1, 1), note: "a project file holds a few settings; is this the right file?")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ConfigError("the project file is not UTF-8 text", at: .at(1, 1))
            }
            let root = Format(url: url) == .toml ? try TOMLReader.read(text) : try YAMLReader.read(text)
            var decoding = ProjectDecoding(directory: url.deletingLastPathComponent())
            decoding.read(root, as: "", keys: ProjectSchema.keys)
            file.settings = decoding.settings
            errors = decoding.errors
        } catch {
            errors = [error]
        }
        file.diagnostics = errors.map { error in
            let location = SourceLocation(line: error.location.line, column: error.location.column, offset: error.location.offset)
            return Diagnostic(.error, error.message, at: SourceRange(start: location, end: location), note: error.note)
        }
        return file
    }

    private enum Format {
        case yaml, toml

        init?(url: URL) {
            switch url.pathExtension.lowercased() {
            case "yaml", "yml": self = .yaml
            case "toml": self = .toml
            default: return nil
            }
        }
    }
}

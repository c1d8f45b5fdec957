import Foundation
import Planning
import Screenplay

/// The review file: `film.review.yaml` beside `film.fountain` (or the file `--review`
/// names), where a director picks takes, marks shots, writes notes and revises shots
/// without touching the script (docs/review.md). Read like the project file: YAML with a
/// line and column for every error.
public struct ReviewFile: Sendable {
    /// The file's path as diagnostics and the depfile name it.
    public var displayPath: String
    /// Its absolute URL.
    public var url: URL
    /// Its text as read: what `--apply-notes` edits.
    public var text: String
    /// What it says (as much as could be read, when it has errors).
    public var review: Review
    /// Its errors, `path:line:col` like a script's.
    public var diagnostics: [Diagnostic]

    /// Whether any diagnostic is an error; then the command stops (exit 65).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// `film.review.yaml` for `film.fountain`.
    public static func defaultName(forScript name: String) -> String {
        ((name as NSString).deletingPathExtension as NSString).lastPathComponent + ".review.yaml"
    }

    /// The review file for a script: `explicit` when given (`--review`), else the one beside
    /// `script` (none for standard input); nil when there is none.
    /// - Throws: `AnimaticError` `.noInput` when `explicit` does not exist.
    public static func locate(explicit: String?, script: ScriptInput) throws(AnimaticError) -> (url: URL, displayPath: String)? {
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw AnimaticError(.noInput, "\(explicit): no such review file")
            }
            return (URL(fileURLWithPath: explicit).standardizedFileURL, explicit)
        }
        guard let scriptURL = script.url else { return nil }
        let name = defaultName(forScript: scriptURL.lastPathComponent)
        let url = scriptURL.deletingLastPathComponent().appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return (url, DisplayPath.sibling(named: name, of: script.displayPath))
    }

    /// Reads the review file at `url` (shown as `displayPath`).
    /// - Throws: `AnimaticError` `.noInput` when it cannot be read.
    public static func read(_ url: URL, displayPath: String) throws(AnimaticError) -> ReviewFile {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw AnimaticError(.noInput, "\(displayPath): cannot be read")
        }
        return parse(data, url: url, displayPath: displayPath)
    }

    /// Reads a review file's `data`.
    public static func parse(_ data: Data, url: URL, displayPath: String) -> ReviewFile {
        var file = ReviewFile(displayPath: displayPath, url: url, text: "", review: Review(), diagnostics: [])
        let errors: [ConfigError]
        do throws(ConfigError) {
            guard let text = String(data: data, encoding: .utf8) else {
                throw ConfigError("the review file is not UTF-8 text", at: .at(1, 1))
            }
            file.text = text
            var decoding = ReviewDecoding()
            decoding.read(try YAMLReader.read(text))
            file.review = decoding.review
            errors = decoding.errors
        } catch {
            errors = [error]
        }
        file.diagnostics = errors.map { error in
            Diagnostic(.error, error.message, at: SourceRange(start: error.location, end: error.location), note: error.note)
        }
        return file
    }

    /// A warning for each entry naming a shot `plan` does not have, at the entry's ID: the
    /// script changed, or the ID is mistyped.
    public func staleEntries(in plan: Plan) -> [Diagnostic] {
        let ids = Set(plan.shots.map(\.id))
        return review.entries.filter { !ids.contains($0.shotID) }.map { entry in
            Diagnostic(
                .warning, "shot \(entry.shotID) is not in the plan; its review entry is ignored",
                at: SourceRange(start: entry.location, end: entry.location),
                note: "the script no longer has this shot, or the ID is mistyped; `animatic plan` lists the shot IDs")
        }
    }

    /// A warning for each pick of a take its shot does not have in `plan`, at the pick.
    public func unmadePicks(in plan: Plan) -> [Diagnostic] {
        let takes = Dictionary(plan.shots.map { ($0.id, $0.takes) }) { first, _ in first }
        return review.entries.compactMap { entry in
            guard let count = takes[entry.shotID], let pick = entry.pick, pick > count else { return nil }
            let location = entry.pickLocation ?? entry.location
            return Diagnostic(
                .warning, "shot \(entry.shotID) has \(count) take\(count == 1 ? "" : "s"); pick \(pick) is ignored and take 1 is used",
                at: SourceRange(start: location, end: location),
                note: "give the shot more takes with a takes or styles annotation, --takes or the project file's takes")
        }
    }
}

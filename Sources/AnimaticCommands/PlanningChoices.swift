import Project
import Foundation
import Planning
import SettingValues

/// What the planner's options decide for `check`, `plan`, `export`, `build` and `review`: the
/// settings the flags give, and which project and review files are read. `PlanOptions` holds
/// the command line's; `OptionsLeftOut` is every one left out, for `animatic check FILE`,
/// which the front end runs without the argument parser (`QuickCheck`).
package protocol PlanningChoices {
    /// `--backend`, nil when not given.
    var backendFlag: BackendKind? { get }
    /// `--config`: the project file, nil for the one beside the script.
    var config: String? { get }
    /// `--no-config`: read no project file.
    var noConfig: Bool { get }
    /// `--review`: the review file, nil for the one beside the script.
    var review: String? { get }
    /// The settings these flags give, nil where a flag is not given.
    func flagSettings() throws(AnimaticError) -> ProjectSettings
}

extension PlanningChoices {
    /// The project file for `input`, and the settings in effect: `commandFlags` (the
    /// command's own flags) and these flags over the project file's.
    package func settings(for input: ScriptInput, commandFlags: ProjectSettings = ProjectSettings()) throws
        -> (project: ProjectFile?, settings: ProjectSettings) {
        let project = try ProjectFileOptions.load(config: config, noConfig: noConfig, for: input)
        return (project, commandFlags.over(try flagSettings()).over(project?.settings ?? ProjectSettings()))
    }

    /// The settings `settings(for:commandFlags:)` gives, read without printing anything; nil
    /// when the project file cannot be read or has errors (the command then says so).
    package func settingsQuietly(for input: ScriptInput, commandFlags: ProjectSettings = ProjectSettings())
        -> (project: ProjectFile?, settings: ProjectSettings)? {
        var project: ProjectFile?
        if !noConfig {
            let located: (url: URL, displayPath: String)?
            do { located = try ProjectFile.locate(explicit: config, script: input) } catch { return nil }
            if let found = located {
                guard let file = try? ProjectFile.read(found.url, displayPath: found.displayPath),
                    !file.diagnostics.contains(where: { $0.severity == .error })
                else { return nil }
                project = file
            }
        }
        guard let flags = try? flagSettings() else { return nil }
        return (project, commandFlags.over(flags).over(project?.settings ?? ProjectSettings()))
    }

    /// For `check`, `plan` and `export`: the settings in effect and the planner configuration
    /// from them, its segments cut to the backend as `build` cuts them.
    package func planning(for input: ScriptInput, commandFlags: ProjectSettings = ProjectSettings()) throws
        -> (settings: ProjectSettings, configuration: PlanConfiguration, projectURL: URL?) {
        let (project, settings) = try settings(for: input, commandFlags: commandFlags)
        var configuration = settings.planConfiguration()
        try settings.checkQualityBackend()
        if (settings.backend ?? .cards) != .cards {
            configuration.backendMaxMilliseconds = try MediaContext.require().longestClipMilliseconds(settings)
        }
        return (settings, configuration, project?.url)
    }

    /// Hands the command to the media helper (`HandOver`) when the settings in effect for
    /// the script `file` name a backend other than the built-in cards: the backend's
    /// generator, which knows the longest clip the segments are cut to, lives with the
    /// media layer. Asked before `file` is read, so standard input is left to the helper;
    /// the project file is read here only for its backend (`planning` reports its problems).
    package func requireMediaForBackend(file: String) throws(HandOver) {
        var backend = backendFlag
        if backend == nil && !noConfig {
            let script = ScriptInput(
                displayPath: file, url: file == "-" ? nil : URL(fileURLWithPath: file).standardizedFileURL, bytes: [])
            if let found = try? ProjectFile.locate(explicit: config, script: script) {
                backend = (try? ProjectFile.read(found.url, displayPath: found.displayPath))?.settings.backend
            }
        }
        if (backend ?? .cards) != .cards { _ = try MediaContext.require() }
    }

    /// The review file for `input` (`ReviewFileOptions.load`).
    package func loadReviewFile(for input: ScriptInput) throws -> ReviewFile? {
        try ReviewFileOptions.load(explicit: review, for: input)
    }
}

/// Every planner option left out: what `PlanOptions` holds for a command line that gives none
/// (`CheckShortcutTests` checks that the argument parser agrees).
package struct OptionsLeftOut: PlanningChoices {
    package init() {}
    package var backendFlag: BackendKind? { nil }
    package var config: String? { nil }
    package var noConfig: Bool { false }
    package var review: String? { nil }
    package func flagSettings() -> ProjectSettings { ProjectSettings() }
}

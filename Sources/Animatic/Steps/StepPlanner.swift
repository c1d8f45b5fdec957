import Foundation
import Generation

/// Collects steps and their subjects, and decides the status of an output file from what is on disk.
struct StepPlanner {
    var settings: BuildSettings
    /// Whether a previous build left a report: a missing output is then missing, not new.
    var hadBuild: Bool
    /// Whether the steps are planned for the build that runs them, not for a dry run.
    var building = false
    var steps: [BuildStep] = []
    var subjects: [StepSubject] = []
    /// The cut list record of the build (`CutListRecord`), once the cut list steps are planned.
    var cutLists: CutListRecord.Planned?
    /// The text cut lists a build renders beside its other steps (`RenderedCutLists`).
    var renderedLists: RenderedCutLists?

    mutating func add(_ step: BuildStep, _ subject: StepSubject) {
        steps.append(step)
        subjects.append(subject)
    }

    func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// Why the output at `url` is made: new with no previous build, missing when the
    /// previous build's output is gone, else content changed (`changed`) or up to date.
    func reason(_ url: URL, changed: Bool) -> BuildStep.Status {
        if !exists(url) { return .runs(hadBuild ? .outputMissing : .new) }
        return changed ? .runs(.contentChanged) : .upToDate
    }

    /// A step writing `data` to `url`: up to date when the file holds those bytes. A build
    /// (`building`) neither makes nor compares them here: the step writes them unless the
    /// file holds them, and only a dry run says which is the case.
    mutating func addFile(
        _ kind: BuildStep.Kind, _ url: URL, data: () throws(AnimaticError) -> Data, inputs: [String], subject: StepSubject
    ) throws(AnimaticError) {
        guard !building else {
            add(BuildStep(
                id: "\(kind.rawValue) \(url.lastPathComponent)", kind: kind, inputs: inputs, output: url.path, key: nil,
                status: reason(url, changed: true)), subject)
            return
        }
        addFile(kind, PlannedFile(try data(), at: url), inputs: inputs, subject: subject)
    }

    /// A step writing `file`'s bytes to its place: up to date when the file holds them.
    mutating func addFile(_ kind: BuildStep.Kind, _ file: PlannedFile, inputs: [String], subject: StepSubject) {
        add(BuildStep(
            id: "\(kind.rawValue) \(file.url.lastPathComponent)", kind: kind, inputs: inputs, output: file.url.path,
            key: file.key, status: reason(file.url, changed: !file.unchanged)), subject)
    }
}

import Foundation
import Media

/// The `command` backend: runs a local program, such as Wan2.2's `generate.py`, once per
/// segment, from a `CommandTemplate`.
///
/// The program writes the clip at `{output}` (a temporary name beside the destination);
/// its output and error go to a log beside it whose last lines explain a failure. A
/// program that exits non-zero fails the attempt: transient when it was killed by a
/// signal or its log looks like running out of memory (a retry may find the GPU free),
/// permanent otherwise (a bad flag, a missing checkpoint). A program that exits 0 without
/// writing the file fails permanently; one that writes something that is not a video
/// fails transiently. Cancellation (or the scheduler's time-out) kills the program's
/// whole process group and removes its files.
public struct CommandGenerator: Generator {
    /// The program and its arguments.
    public var template: CommandTemplate
    /// The sizes, rate and frame counts the program makes.
    public var profile: OutputProfile
    /// Where the program runs; the current directory when nil.
    public var workingDirectory: URL?
    /// The program's environment; this process's when nil.
    public var environment: [String: String]?
    /// The longest clip to plan, in milliseconds; nil for no limit.
    public var longestClipMilliseconds: Int?
    /// Runs at once (1 for one GPU).
    public var maxParallelJobs: Int
    /// Files whose contents shape the pixels (model configs, a script), for the depfile.
    public var inputFiles: [URL]

    /// A backend running `template`.
    public init(
        template: CommandTemplate, profile: OutputProfile = OutputProfile(), workingDirectory: URL? = nil,
        environment: [String: String]? = nil, longestClipMilliseconds: Int? = nil, maxParallelJobs: Int = 1,
        inputFiles: [URL] = []
    ) {
        self.template = template
        self.profile = profile
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.inputFiles = inputFiles
        self.longestClipMilliseconds = longestClipMilliseconds
        self.maxParallelJobs = maxParallelJobs
    }

    /// The profile's sizes and rate, the longest clip, the runs at once, and image-to-video
    /// when the template uses `{reference}`.
    public var capabilities: GeneratorCapabilities {
        GeneratorCapabilities(
            sizes: profile.sizes, frameRates: profile.frameRate.map { [Rational(Int32($0))] },
            longestClipMilliseconds: longestClipMilliseconds, maxParallelJobs: maxParallelJobs,
            imageToVideo: template.arguments.contains { $0.contains(Placeholder.reference.token) },
            drivingAudio: template.arguments.contains { $0.contains(Placeholder.audio.token) })
    }

    /// `command`.
    public var name: String { "command" }

    /// The template and the profile (paths to checkpoints included; no environment).
    public var settings: String { "template=\(template) \(profile.settingsText)" }

    /// The template and profile, and the argument list it expands to, with the output and
    /// reference image paths left as their placeholders (they change from run to run).
    public func keyMaterial(for request: GenerationRequest) throws -> Data {
        var values = PlaceholderValues(request: request, shape: profile.shape(for: request), output: Placeholder.output.token)
        values.values[.reference] = request.referenceImage.map { _ in Placeholder.reference.token }
        return Data((([settings] + template.expand(values)).joined(separator: "\n")).utf8)
    }

    /// GPU time for the segment's seconds.
    public func charge(for request: GenerationRequest) -> RequestCharge? { .local(seconds: request.seconds) }

    /// Runs the program for `request` and moves its clip to `destination`.
    public func generate(_ request: GenerationRequest, to destination: URL) async throws {
        let program = template.arguments[0]
        let operation = "run \((program as NSString).lastPathComponent) for \(request.segmentID)"
        let executable = try resolve(program, operation: operation)
        let staged = StagedClip(for: destination)
        let log = staged.file.appendingPathExtension("log")
        defer { try? FileManager.default.removeItem(at: log) }
        try await staged.commit(backend: name, operation: operation) { file in
            let values = PlaceholderValues(
                request: request, shape: profile.shape(for: request), output: file.path)
            let outcome: ProcessOutcome
            do {
                outcome = try await runProcess(
                    executable: executable, arguments: Array(template.expand(values).dropFirst()),
                    workingDirectory: workingDirectory, environment: environment, log: log)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw BackendError(
                    backend: name, operation: operation, failure: .launch("\(error)"), isPermanent: true)
            }
            if outcome.status != 0 || outcome.bySignal {
                throw BackendError(
                    backend: name, operation: operation,
                    failure: .processExited(status: outcome.status, bySignal: outcome.bySignal, log: outcome.logTail),
                    isPermanent: !outcome.bySignal && !Self.looksOutOfMemory(outcome.logTail))
            }
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw BackendError(
                    backend: name, operation: operation,
                    failure: .badOutput(
                        "exited 0 without writing {output}" + (outcome.logTail.isEmpty ? "" : ": \(outcome.logTail)")),
                    isPermanent: true)
            }
        }
    }

    /// Whether a log reads like running out of (GPU) memory.
    static func looksOutOfMemory(_ log: String) -> Bool {
        let lower = log.lowercased()
        return ["out of memory", "outofmemoryerror", "memoryerror", "cannot allocate memory"]
            .contains { lower.contains($0) }
    }

    /// The executable for `program`, or a permanent launch error.
    private func resolve(_ program: String, operation: String) throws(BackendError) -> URL {
        guard let url = executableURL(program, workingDirectory: workingDirectory, environment: environment) else {
            throw BackendError(
                backend: name, operation: operation, failure: .launch("\(program) is not an executable file"),
                isPermanent: true)
        }
        return url
    }
}

/// The program a hot worker runs and its arguments (`python3 workers/wan22_worker.py
/// --task t2v-A14B --ckpt_dir /models/A14B`), split like shell words; no placeholders:
/// requests reach it on its standard input.
public struct WorkerCommand: Sendable, Hashable, CustomStringConvertible {
    /// The program (a path, or a name looked up on `PATH`) and its arguments.
    public var arguments: [String]

    /// The command `text`, split as `CommandTemplate(parsing:)` splits it.
    public init(parsing text: String) throws(BackendError) {
        let words: [String]
        do { words = try CommandTemplate.words(text) } catch {
            throw Self.invalid(error.failure.description)
        }
        try self.init(arguments: words)
    }

    /// A command of `arguments`; the program must be named.
    public init(arguments: [String]) throws(BackendError) {
        guard let program = arguments.first, !program.isEmpty else { throw Self.invalid("the worker command names no program") }
        self.arguments = arguments
    }

    /// The arguments, shell-quoted where needed.
    public var description: String { CommandTemplate.quoted(arguments) }

    /// What the worker makes, when its arguments name a Wan2.2 task (`--task ti2v-5B`).
    package var preset: WorkerPreset? {
        guard let flag = arguments.firstIndex(of: "--task"), flag + 1 < arguments.count else { return nil }
        return WorkerPreset(task: arguments[flag + 1])
    }

    private static func invalid(_ message: String) -> BackendError {
        BackendError(
            backend: "worker", operation: "read the worker command", failure: .invalidConfiguration(message),
            isPermanent: true)
    }
}

/// What a Wan2.2 worker makes, known before it starts (so the planner can size segments and
/// the cache can key clips without loading a model): its sizes, rate, 4n+1 frame counts,
/// longest segment and whether it starts from an image.
package struct WorkerPreset: Sendable, Hashable {
    package var task: String
    package var sizes: [FrameSize]
    package var frameRate: Int
    package var longestClipMilliseconds: Int
    package var imageToVideo: Bool

    /// The preset for `task`: `t2v-A14B`, `ti2v-5B` or `i2v-A14B`; nil for others.
    package init?(task: String) {
        switch task {
        case WanTask.t2vA14B.rawValue, WanTask.ti2v5B.rawValue:
            let wan = WanTask(rawValue: task)!
            self.init(
                task: task, sizes: wan.sizes, frameRate: wan.frameRate, longestClipMilliseconds: wan.longestClipMilliseconds,
                imageToVideo: wan == .ti2v5B)
        case "i2v-A14B":
            // The same sizes, rate and 81-frame training length as t2v-A14B, from an image.
            let wan = WanTask.t2vA14B
            self.init(
                task: task, sizes: wan.sizes, frameRate: wan.frameRate, longestClipMilliseconds: wan.longestClipMilliseconds,
                imageToVideo: true)
        default:
            return nil
        }
    }

    private init(task: String, sizes: [FrameSize], frameRate: Int, longestClipMilliseconds: Int, imageToVideo: Bool) {
        self.task = task
        self.sizes = sizes
        self.frameRate = frameRate
        self.longestClipMilliseconds = longestClipMilliseconds
        self.imageToVideo = imageToVideo
    }
}

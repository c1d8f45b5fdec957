import Foundation

/// Wan2.2's `generate.py` tasks that the `command` backend has presets for.
public enum WanTask: String, Sendable, CaseIterable {
    /// Text-to-video, 14B mixture of experts: 1280*720, 720*1280, 832*480, 480*832 at 16 fps,
    /// trained on 81 frames.
    case t2vA14B = "t2v-A14B"
    /// Text-image-to-video, 5B: 1280*704, 704*1280 at 24 fps, trained on 121 frames.
    case ti2v5B = "ti2v-5B"

    /// The sizes the task makes.
    public var sizes: [FrameSize] {
        switch self {
        case .t2vA14B:
            [
                FrameSize(width: 1280, height: 720), FrameSize(width: 720, height: 1280),
                FrameSize(width: 832, height: 480), FrameSize(width: 480, height: 832),
            ]
        case .ti2v5B: [FrameSize(width: 1280, height: 704), FrameSize(width: 704, height: 1280)]
        }
    }

    /// The rate it makes, in frames per second.
    public var frameRate: Int { self == .t2vA14B ? 16 : 24 }

    /// The clip length it was trained on (81 or 121 frames); longer clips degrade.
    public var trainingFrames: Int { self == .t2vA14B ? 81 : 121 }

    /// The longest segment to plan: the training length, to the millisecond below
    /// (5,062 ms for A14B, 5,041 ms for 5B).
    public var longestClipMilliseconds: Int { (trainingFrames * 1000) / frameRate }
}

extension CommandGenerator {
    /// A backend running Wan2.2's `generate.py` from the checkout at `checkout`:
    /// `python generate.py --task TASK --size {width}*{height} --frame_num {frames}
    /// --ckpt_dir CHECKPOINTS --prompt {prompt} --base_seed {seed} --save_file {output}`,
    /// plus `--image {reference}` for ti2v-5B continuations and, with `lowMemory`,
    /// `--offload_model True --convert_model_dtype --t5_cpu` (for cards under 80 GB).
    /// `generate.py` has no negative-prompt or rate flag. One job at a time (one GPU).
    public static func wan22(
        _ task: WanTask, checkout: URL, checkpoints: URL, python: String = "python3", lowMemory: Bool = false,
        environment: [String: String]? = nil
    ) throws(BackendError) -> CommandGenerator {
        var arguments = [
            python, "generate.py", "--task", task.rawValue, "--size", "{width}*{height}", "--frame_num", "{frames}",
            "--ckpt_dir", checkpoints.path, "--prompt", "{prompt}", "--base_seed", "{seed}", "--save_file", "{output}",
        ]
        if lowMemory { arguments += ["--offload_model", "True", "--convert_model_dtype", "--t5_cpu"] }
        if task == .ti2v5B { arguments += ["--image", "{reference}"] }
        return CommandGenerator(
            template: try CommandTemplate(arguments: arguments),
            profile: OutputProfile(sizes: task.sizes, frameRate: task.frameRate, frameCount: .fourNPlusOne),
            workingDirectory: checkout, environment: environment,
            longestClipMilliseconds: task.longestClipMilliseconds, maxParallelJobs: 1,
            inputFiles: [checkout.appendingPathComponent("generate.py")])
    }
}

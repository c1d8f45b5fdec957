import Foundation

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

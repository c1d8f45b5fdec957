/// The backends `animatic build --backend` names.
public enum BackendKind: String, Sendable, Hashable, CaseIterable {
    /// The built-in storyboard renderer.
    case cards
    /// A local program from `--command-template`.
    case command
    /// Hosted Wan on DashScope at `--dashscope-url`.
    case dashscope
    /// A ComfyUI workflow (`--comfyui-workflow`) on the servers at `--comfyui-url`.
    case comfyui
    /// Hot worker programs (`--worker-command`) speaking docs/worker-protocol.md.
    case worker
}

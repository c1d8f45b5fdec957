/// The placeholders a command template or a ComfyUI workflow may hold, each replaced by
/// the segment's value: `{prompt}`, `{negative}`, `{seed}`, `{frames}`, `{seconds}`,
/// `{fps}`, `{width}`, `{height}`, `{output}`, `{reference}`.
public enum Placeholder: String, Sendable, CaseIterable {
    /// The prompt.
    case prompt
    /// The negative prompt.
    case negative
    /// The seed, 0…2147483647.
    case seed
    /// The frame count the backend is asked for.
    case frames
    /// The segment's length in seconds (`5`, `2.5`).
    case seconds
    /// The backend's rate in frames per second (`16`, or `23.976` at the timeline's rate).
    case fps
    /// The width in pixels.
    case width
    /// The height in pixels.
    case height
    /// The file the program must write (command backend only).
    case output
    /// The reference image, the previous segment's last frame: its path (command backend) or its
    /// name on the server after upload (ComfyUI).
    case reference
    /// The segment's stretch of the soundtrack as a 48 kHz stereo WAV, for models driven by
    /// audio (Wan2.2 S2V's `--audio`; command backend only, and only when the film has sound).
    case audio

    /// `{prompt}`.
    public var token: String { "{\(rawValue)}" }

    /// Whether the value is a number (a workflow gets a JSON number for a value that is
    /// this placeholder alone).
    package var isNumeric: Bool {
        switch self {
        case .seed, .frames, .seconds, .fps, .width, .height: true
        case .prompt, .negative, .output, .reference, .audio: false
        }
    }
}

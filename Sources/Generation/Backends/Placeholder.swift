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
    var isNumeric: Bool {
        switch self {
        case .seed, .frames, .seconds, .fps, .width, .height: true
        case .prompt, .negative, .output, .reference, .audio: false
        }
    }
}

/// The value of every placeholder for one segment.
struct PlaceholderValues: Sendable {
    var values: [Placeholder: String]

    init(request: GenerationRequest, shape: ClipShape, output: String?) {
        values = [
            .prompt: request.content.prompt,
            .negative: request.content.negativePrompt,
            .seed: String(request.content.seed & 0x7FFF_FFFF),
            .frames: String(shape.frames),
            .seconds: secondsText(shape.seconds),
            .fps: shape.fpsText,
            .width: String(shape.size.width),
            .height: String(shape.size.height),
        ]
        values[.output] = output
        values[.reference] = request.referenceImage?.path
        values[.audio] = request.drivingAudio?.path
    }

    /// `text` with every placeholder that has a value replaced, in one pass (a value that
    /// holds `{seed}` stays as it is); nil when it holds one without a value.
    func expand(_ text: String) -> String? {
        guard text.contains("{") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[open...]
            guard let match = Placeholder.allCases.first(where: { after.hasPrefix($0.token) }) else {
                result.append("{")
                rest = rest[rest.index(after: open)...]
                continue
            }
            guard let value = values[match] else { return nil }
            result += value
            rest = after.dropFirst(match.token.count)
        }
        return result + rest
    }
}

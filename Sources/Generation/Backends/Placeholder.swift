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

extension CommandTemplate {
    /// The arguments for one segment.
    func expand(_ values: PlaceholderValues) -> [String] {
        var result: [String] = []
        for argument in arguments {
            if let expanded = values.expand(argument) {
                result.append(expanded)
            } else if let last = result.last, last.hasPrefix("-"), result.count > 1 {
                result.removeLast()
            }
        }
        return result
    }
}

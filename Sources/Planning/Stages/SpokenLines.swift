import Screenplay

/// The dialogue a screenplay speaks, line by line, without planning it: what the build
/// voices before the planner times shots from the voices.
public enum SpokenLines {
    /// Every spoken line in script order. A `[[audio: …]]` annotation gives its take to the
    /// next speech: its first line carries the recording, the rest are covered by it.
    public static func collect(_ screenplay: Screenplay) -> [SpokenLine] {
        var lines: [SpokenLine] = []
        var recording: AudioReference?
        for element in screenplay.allElements {
            switch element {
            case .annotation(let annotation):
                if let field = annotation[.audio], case .text(let path) = field.value {
                    recording = AudioReference(path: path, range: field.range)
                }
            case .dialogue(let dialogue):
                let speaker = CastIndex.canonical(dialogue.character)
                let placement = placement(of: dialogue)
                var delivery: String?
                var take = recording
                var covered = false
                recording = nil
                for line in dialogue.lines {
                    switch line {
                    case .parenthetical(let text, _):
                        delivery = text
                    case .text(let text, let range):
                        let words = TextMeasure.collapsingWhitespace(text.plain)
                        guard !words.isEmpty else { continue }
                        lines.append(SpokenLine(
                            speaker: speaker, text: words, delivery: delivery, placement: placement,
                            isChinese: TextMeasure.ideographs(words) > 0, recording: take, isCoveredByRecording: covered,
                            range: range))
                        if take != nil { covered = true }
                        take = nil
                    }
                }
            default:
                continue
            }
        }
        return lines
    }

    /// Voice-over, off screen, or in the scene, from the cue's extensions.
    static func placement(of dialogue: Dialogue) -> SpokenLine.Placement {
        guard DialogueRun.isOffscreen(dialogue) else { return .onScreen }
        let voiceOver = dialogue.extensions.contains { ext in
            let upper = ext.uppercased().filter { $0 != " " && $0 != "." }
            return upper == "VO" || upper == "V0" || TextMeasure.includes("旁白", in: ext) || TextMeasure.includes("画外音", in: ext)
        }
        return voiceOver ? .voiceOver : .offScreen
    }
}

import Screenplay

/// A stretch of a scene where characters talk: consecutive dialogue, with short action
/// between the lines. Coverage is chosen across the whole run.
struct DialogueRun: Sendable {
    /// One past the last item of the run.
    var end: Int
    /// The characters who speak on screen, in order of their first line.
    var speakers: [String]
    /// Speaker shots so far.
    var count = 0
    var lastSpeaker: String?
    /// After a turn (a written pause), replies go to singles until action moves the scene on.
    var inSingles = false

    /// Every ninth speaker shot of a long exchange goes wide again.
    static let reestablishEvery = 8
    /// A line this short (words, or Chinese characters / 2) stays on the shot before it.
    static let shortLineWords = 5
    /// The most turns a two-shot of a quick exchange holds before the next cut.
    static let longestExchange = 8
    /// Action longer than this ends a run.
    static let longActionWords = 25

    /// The run starting at `start`: looks ahead through dialogue and short action.
    init(items: [SceneItem], from start: Int) {
        var speakers: [String] = []
        var index = start
        scan: while index < items.count {
            switch items[index] {
            case .element(.dialogue(let dialogue)):
                let name = CastIndex.canonical(dialogue.character)
                if !DialogueRun.isOffscreen(dialogue), !Breakdown.isGroup(name), !speakers.contains(name) { speakers.append(name) }
            case .element(.action(let action)):
                let text = action.text
                if TextMeasure.words(text) + TextMeasure.ideographs(text) / 2 > DialogueRun.longActionWords {
                    break scan
                }
            case .element(.note), .element(.annotation), .element(.pageBreak), .element(.section), .element(.synopsis),
                 .element(.lyrics):
                break
            default:
                break scan
            }
            index += 1
        }
        self.end = index
        self.speakers = speakers
    }

    /// Who `speaker` is talking to: the last one who spoke, else the first other speaker.
    func listener(for speaker: String) -> String? {
        if let lastSpeaker, lastSpeaker != speaker { return lastSpeaker }
        return speakers.first { $0 != speaker }
    }

    /// A voice from off screen: `V.O.`, `O.S.`, `O.C.`, `画外音`.
    static func isOffscreen(_ dialogue: Dialogue) -> Bool {
        dialogue.extensions.contains { ext in
            let upper = ext.uppercased().filter { $0 != " " }
            return ["V.O", "O.S", "O.C", "V.0", "VO", "OS", "OC", "OFF", "PRELAP", "画外音", "旁白", "画外"]
                .contains { TextMeasure.occurs($0, in: upper) && (upper.count <= 8 || $0.count > 2) }
        }
    }
}

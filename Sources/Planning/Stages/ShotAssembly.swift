import Screenplay

/// The last stage: gives each draft its ID and seed, times it, cuts it into segments and
/// writes each segment's prompt and storyboard card.
struct ShotAssembly: Sendable {
    let configuration: PlanConfiguration
    /// The prompt builder; each scene gets a copy in the scene's prompt language.
    let prompts: PromptBuilder
    /// `--style`, else the title page's `Style:`.
    let defaultStyle: String?
    /// The project file's `styles`, else the title page's `Styles:`.
    let defaultStyles: [String]?

    /// Longest negative prompt hosted Wan accepts.
    static let maxNegativeCharacters = 500

    /// The negative prompt used when neither `--negative` nor an annotation gives one.
    static func defaultNegative(_ language: PromptLanguage) -> String {
        language.phrasebook.defaultNegative
    }

    /// The scene's shots, their prompts and cards in `language`.
    func shots(_ drafts: [ShotDraft], in scene: SceneSource, language: PromptLanguage) -> [Shot] {
        var prompts = self.prompts
        prompts.language = language
        let lineAudio = configuration.lineAudio
        let timer = ShotTimer(rules: configuration.timing, frameRate: configuration.frameRate,
                              lineAudio: lineAudio?.timesShots == true ? lineAudio?.milliseconds ?? [:] : [:])
        let segmenter = Segmenter(maxFrames: configuration.maxSegmentFrames,
                                  minFrames: configuration.frameRate.frames(milliseconds: 1000))
        let sceneParts = prompts.sceneParts(scene)
        var occurrences: [String: Int] = [:]  // first prompt → shots of the scene with it so far
        return drafts.enumerated().map { index, draft in
            let id = ShotLetters.id(scene: scene.number, index: index)
            let frames = timer.frames(of: draft, endsScene: index == drafts.count - 1)
            let style = draft.style ?? defaultStyle
            let negative = PromptText.cut(draft.negative ?? configuration.negativePrompt ?? Self.defaultNegative(language),
                                          to: Self.maxNegativeCharacters)
            let pieces = segmenter.cut(frames: frames, weights: timer.weights(of: draft.units))
            // The seed comes from what the shot is — its scene, its first prompt in the shot's
            // own style, and how many earlier shots of the scene share that prompt — never from
            // its letter, so a shot inserted before it leaves its requests alone.
            let content = pieces.first.map { piece in
                prompts.prompt(PromptBuilder.Request(draft: draft, units: Array(draft.units[piece.units]), scene: sceneParts,
                                                     style: style, isContinuation: false))
            } ?? ""
            let occurrence = occurrences[content, default: 0]
            occurrences[content] = occurrence + 1
            let seed = draft.seed
                ?? SeedHash.seed(scene: scene.number, content: content, occurrence: occurrence, globalSeed: configuration.seed)
            // One take per style, and at least as many as asked; take 1 keeps the shot's seed.
            let styles = draft.styles ?? defaultStyles ?? []
            let takeCount = max(draft.takes ?? configuration.takes ?? 1, styles.count)
            let takes = (1...takeCount).map { number in
                let ownStyle = number <= styles.count ? styles[number - 1] : nil
                let takeStyle = ownStyle ?? style
                let takeSeed = TakeStyles.seed(shotSeed: seed, take: number)
                var segments: [Segment] = []
                // Segments cut from one long text unit share it: the prompt of the same units is
                // made once (the second and later continuations are the same request).
                var previous: (units: Range<Int>, isContinuation: Bool, prompt: String)?
                for (index, piece) in pieces.enumerated() {
                    let units = Array(draft.units[piece.units])
                    let segmentID = Take.segmentID(id.segment(index + 1), take: number)
                    let prompt: String
                    if let previous, previous.units == piece.units, previous.isContinuation == (index > 0) {
                        prompt = previous.prompt
                    } else {
                        prompt = prompts.prompt(PromptBuilder.Request(draft: draft, units: units, scene: sceneParts, style: takeStyle,
                                                                      isContinuation: index > 0))
                    }
                    previous = (piece.units, index > 0, prompt)
                    var drawn = card(draft, id: id, units: units, scene: sceneParts, language: language)
                    if number > 1 { drawn.take = (["take \(number)"] + (ownStyle.map { [$0] } ?? [])).joined(separator: " · ") }
                    segments.append(Segment(
                        id: segmentID, frames: piece.frames, isContinuation: index > 0,
                        continuesFrom: index > 0 ? segments.last?.id : nil, prompt: prompt, negativePrompt: negative,
                        seed: takeSeed, card: drawn,
                        range: units.isEmpty ? draft.range : SourceRange(start: units.first!.range.start, end: units.last!.range.end)))
                }
                return Take(number: number, seed: takeSeed, style: takeStyle, segments: segments)
            }
            var shot = Shot(id: id, scene: scene.number, kind: draft.kind, frames: frames, size: draft.size, angle: draft.angle,
                        move: draft.move, direction: draft.direction, lens: draft.lens, characters: draft.characters, speaker: draft.speaker,
                        foreground: draft.foreground, subject: draft.subject, text: draft.text, location: scene.location,
                        setting: draft.setting ?? scene.heading?.setting, timeOfDay: scene.heading?.timeOfDay,
                        transitionIn: draft.transitionIn, transitionOut: draft.transitionOut, style: takes[0].style,
                        takes: takeCount, seed: seed, range: draft.range, segments: takes[0].segments,
                        lines: lineAudio.map { audio in
                            timer.lineStarts(of: draft).map { start in
                                LineTiming(speaker: start.unit.speaker ?? "",
                                         offset: min(configuration.frameRate.frames(milliseconds: start.milliseconds), frames - 1),
                                         milliseconds: audio.milliseconds[start.unit.range.start], range: start.unit.range)
                            }
                        })
            shot.otherTakes = takeCount > 1 ? Array(takes.dropFirst()) : nil
            return shot
        }
    }

    /// `CastIndex.display(name)`, which the bible already holds for every cast member.
    private func displayName(_ name: String) -> String {
        prompts.bible[name]?.displayName ?? CastIndex.display(name)
    }

    /// The most text a card holds: far more than its few drawn lines, and a bound on
    /// what every segment of a very long shot carries (the plan's size stays linear).
    static let maxCardCharacters = 1000

    /// `texts` joined with spaces, cut to `maxCardCharacters` with an ellipsis.
    private static func cardText(_ texts: some Sequence<String>) -> String {
        let (kept, cut) = BoundedText.prefixes(texts, limit: maxCardCharacters)
        return kept.joined(separator: " ") + (cut ? "…" : "")
    }

    private func card(_ draft: ShotDraft, id: ShotID, units: [TextUnit], scene parts: PromptBuilder.SceneParts,
                      language: PromptLanguage) -> StoryboardCard {
        let scene = parts.scene
        let action = Self.cardText(units.lazy.filter { $0.kind == .action || $0.kind == .title }.map(\.text))
        let spoken = units.filter { $0.kind == .speech || $0.kind == .lyric }
        let dialogue: String
        let exchange = PromptBuilder.speakers(of: units).count > 1
        if draft.simultaneous {
            let speakers = spoken.map(\.speaker).reduce(into: [String?]()) { if !$0.contains($1) { $0.append($1) } }
            dialogue = speakers.map { speaker in
                let words = spoken.filter { $0.speaker == speaker }.map(\.text).joined(separator: " ")
                return "\(speaker.map(displayName) ?? ""): \(words)"
            }.joined(separator: " / ")
        } else if exchange {
            // Lines in turn, each with its speaker, as a script prints an exchange.
            var turns: [(speaker: String?, words: [String])] = []
            for unit in spoken {
                if turns.last?.speaker == unit.speaker { turns[turns.count - 1].words.append(unit.text) }
                else { turns.append((unit.speaker, [unit.text])) }
            }
            dialogue = turns.map { "\($0.speaker.map(displayName) ?? ""): \($0.words.joined(separator: " "))" }
                .joined(separator: " / ")
        } else {
            dialogue = Self.cardText(spoken.lazy.map(\.text))
        }
        let pause = units.filter { $0.kind == .parenthetical && draft.kind == .reaction }.map { "(\($0.text))" }
        return StoryboardCard(
            heading: scene.heading?.text ?? "", shotID: id, cameraTerm: CameraTerm.text(for: draft, language: language),
            kind: draft.kind, size: draft.size, angle: draft.angle, move: draft.move,
            action: action.isEmpty ? (pause.isEmpty ? nil : pause.joined(separator: " ")) : action,
            speaker: draft.simultaneous || exchange || dialogue.isEmpty ? nil : draft.speaker.map(displayName),
            dialogue: dialogue.isEmpty ? nil : dialogue, setting: draft.setting ?? scene.heading?.setting,
            daylight: parts.daylight)
    }
}

/// The camera term a shot list and a card print: `CU · low angle · crane down · 35mm`.
enum CameraTerm {
    static func text(for draft: ShotDraft, language: PromptLanguage) -> String {
        let words = language.phrasebook
        var parts = [words.sizeTerm(draft.size)]
        if draft.angle != .eyeLevel { parts.append(words.angleTerm(draft.angle)) }
        if draft.move != .static { parts.append(words.moveTerm(draft.move, draft.direction)) }
        if let lens = draft.lens { parts.append(lens) }
        return parts.joined(separator: " · ")
    }
}

extension CameraMove {
    /// The move as a shot list names it, with its direction when it has one: `crane down`.
    public func shortName(_ direction: MoveDirection?) -> String {
        direction.map { "\(shortName) \($0.rawValue)" } ?? shortName
    }

    /// The move as a shot list names it: `push in`, `pan`, `handheld`.
    public var shortName: String {
        switch self {
        case .static: "static"
        case .pushIn: "push in"
        case .pullOut: "pull out"
        case .pan: "pan"
        case .tilt: "tilt"
        case .truck: "truck"
        case .follow: "follow"
        case .crane: "crane"
        case .dollyTrack: "dolly"
        case .handheld: "handheld"
        case .zoom: "zoom"
        }
    }
}

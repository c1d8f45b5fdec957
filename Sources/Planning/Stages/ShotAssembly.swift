import Screenplay

/// The last stage: gives each draft its ID and seed, times it, cuts it into segments and
/// writes each segment's prompt and storyboard card.
struct ShotAssembly: Sendable {
    let configuration: PlanConfiguration
    let language: PromptLanguage
    let prompts: PromptBuilder
    /// `--style`, else the title page's `Style:`.
    let defaultStyle: String?

    /// Longest negative prompt hosted Wan accepts.
    static let maxNegativeCharacters = 500

    /// The negative prompt used when neither `--negative` nor an annotation gives one.
    static func defaultNegative(_ language: PromptLanguage) -> String {
        switch language {
        case .english: "blurry, low resolution, distorted faces, deformed hands, extra limbs, text, subtitles, watermark, logo, flicker, jitter"
        case .chinese: "画面模糊，低分辨率，面部扭曲，手部畸形，多余的肢体，文字，字幕，水印，标志，闪烁，抖动"
        }
    }

    func shots(_ drafts: [ShotDraft], in scene: SceneSource) -> [Shot] {
        let lineAudio = configuration.lineAudio
        let timer = ShotTimer(rules: configuration.timing, frameRate: configuration.frameRate,
                              lineAudio: lineAudio?.timesShots == true ? lineAudio?.milliseconds ?? [:] : [:])
        let segmenter = Segmenter(maxFrames: configuration.maxSegmentFrames,
                                  minFrames: configuration.frameRate.frames(milliseconds: 1000))
        let sceneParts = prompts.sceneParts(scene)
        return drafts.enumerated().map { index, draft in
            let id = ShotLetters.id(scene: scene.number, index: index)
            let frames = timer.frames(of: draft, endsScene: index == drafts.count - 1)
            let seed = draft.seed ?? SeedHash.seed(shotID: id, globalSeed: configuration.seed)
            let style = draft.style ?? defaultStyle
            let negative = PromptText.cut(draft.negative ?? configuration.negativePrompt ?? Self.defaultNegative(language),
                                          to: Self.maxNegativeCharacters)
            let pieces = segmenter.cut(frames: frames, weights: timer.weights(of: draft.units))
            var segments: [Segment] = []
            for (number, piece) in pieces.enumerated() {
                let units = Array(draft.units[piece.units])
                let segmentID = "\(id)-\(number + 1)"
                let prompt = prompts.prompt(PromptBuilder.Request(draft: draft, units: units, scene: sceneParts, style: style,
                                                                  isContinuation: number > 0))
                segments.append(Segment(
                    id: segmentID, frames: piece.frames, isContinuation: number > 0,
                    continuesFrom: number > 0 ? segments.last?.id : nil, prompt: prompt, negativePrompt: negative,
                    seed: seed, card: card(draft, id: id, units: units, scene: sceneParts),
                    range: units.isEmpty ? draft.range : SourceRange(start: units.first!.range.start, end: units.last!.range.end)))
            }
            return Shot(id: id, scene: scene.number, kind: draft.kind, frames: frames, size: draft.size, angle: draft.angle,
                        move: draft.move, lens: draft.lens, characters: draft.characters, speaker: draft.speaker,
                        foreground: draft.foreground, subject: draft.subject, text: draft.text, location: scene.location,
                        setting: scene.heading?.setting, timeOfDay: scene.heading?.timeOfDay,
                        transitionIn: draft.transitionIn, transitionOut: draft.transitionOut, style: style,
                        takes: draft.takes ?? 1, seed: seed, range: draft.range, segments: segments,
                        lines: lineAudio.map { audio in
                            timer.lineStarts(of: draft).map { start in
                                LineTiming(speaker: start.unit.speaker ?? "",
                                         offset: min(configuration.frameRate.frames(milliseconds: start.milliseconds), frames - 1),
                                         milliseconds: audio.milliseconds[start.unit.range.start], range: start.unit.range)
                            }
                        })
        }
    }

    /// `CastIndex.display(name)`, which the bible already holds for every cast member.
    private func displayName(_ name: String) -> String {
        prompts.bible[name]?.displayName ?? CastIndex.display(name)
    }

    private func card(_ draft: ShotDraft, id: String, units: [TextUnit], scene parts: PromptBuilder.SceneParts) -> StoryboardCard {
        let scene = parts.scene
        let action = units.filter { $0.kind == .action || $0.kind == .title }.map(\.text).joined(separator: " ")
        let spoken = units.filter { $0.kind == .speech || $0.kind == .lyric }
        let dialogue: String
        if draft.simultaneous {
            let speakers = spoken.map(\.speaker).reduce(into: [String?]()) { if !$0.contains($1) { $0.append($1) } }
            dialogue = speakers.map { speaker in
                let words = spoken.filter { $0.speaker == speaker }.map(\.text).joined(separator: " ")
                return "\(speaker.map(displayName) ?? ""): \(words)"
            }.joined(separator: " / ")
        } else {
            dialogue = spoken.map(\.text).joined(separator: " ")
        }
        let pause = units.filter { $0.kind == .parenthetical && draft.kind == .reaction }.map { "(\($0.text))" }
        return StoryboardCard(
            heading: scene.heading?.text ?? "", shotID: id, cameraTerm: CameraTerm.text(for: draft, language: language),
            kind: draft.kind, size: draft.size, angle: draft.angle, move: draft.move,
            action: action.isEmpty ? (pause.isEmpty ? nil : pause.joined(separator: " ")) : action,
            speaker: draft.simultaneous || dialogue.isEmpty ? nil : draft.speaker.map(displayName),
            dialogue: dialogue.isEmpty ? nil : dialogue, setting: scene.heading?.setting,
            daylight: parts.daylight)
    }
}

/// The camera term a shot list and a card print: `CU · low angle · push in · 35mm`.
enum CameraTerm {
    static func text(for draft: ShotDraft, language: PromptLanguage) -> String {
        text(size: draft.size, angle: draft.angle, move: draft.move, lens: draft.lens, language: language)
    }

    static func text(size: ShotSize, angle: CameraAngle, move: CameraMove, lens: String?, language: PromptLanguage) -> String {
        var parts = [language == .chinese ? size.chinese : size.abbreviation]
        if angle != .eyeLevel { parts.append(language == .chinese ? angle.chinese : angle.english) }
        if move != .static { parts.append(language == .chinese ? move.chinese : move.shortName) }
        if let lens { parts.append(lens) }
        return parts.joined(separator: " · ")
    }
}

extension CameraMove {
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

import Screenplay

/// Stage 4 of planning: a segment's prompt in the order a text-to-video model reads best —
/// atmosphere, subject and action, environment, camera language, colour tone (GENERATORS.md)
/// — filled from the scene, the shot and the character bible. Dialogue shots describe the
/// speaker speaking, not the words.
struct PromptBuilder: Sendable {
    var language: PromptLanguage
    let bible: [String: CharacterProfile]
    let cast: CastIndex
    /// Words in capitals that are names (`ProperNouns`), kept capitalised in prose.
    let properNouns: Set<String>
    let maxCharacters: Int

    /// The parts of a prompt that come from the scene alone, worked out once a scene.
    struct SceneParts: Sendable {
        var scene: SceneSource
        /// The light of the heading's time of day (storyboard cards show it too).
        var daylight: Daylight
        var atmosphere: String?
        var environment: String?
        var tone: String
    }

    /// What one segment's prompt is made from.
    struct Request {
        var draft: ShotDraft
        var units: [TextUnit]
        var scene: SceneParts
        var style: String?
        var isContinuation: Bool
    }

    /// The scene's share of every prompt in it.
    func sceneParts(_ scene: SceneSource) -> SceneParts {
        let daylight = Daylight(scene.heading?.timeOfDay)
        return SceneParts(scene: scene, daylight: daylight, atmosphere: words.atmosphere(daylight, setting: scene.heading?.setting),
                          environment: environment(scene), tone: words.tone(daylight))
    }

    func prompt(_ request: Request) -> String {
        var request = request
        if let setting = request.draft.setting, setting != request.scene.scene.heading?.setting {
            // A shot outside an interior scene's place: its light and environment are the outside's.
            request.scene.atmosphere = words.atmosphere(request.scene.daylight, setting: setting)
            request.scene.environment = request.scene.scene.heading.map {
                words.environment(words.place(PlaceHistory.place($0.location)), setting: setting)
            }
        }
        let isTitle = request.draft.kind == .title
        var before: [String] = []
        if request.isContinuation { before.append(words.continuation) }
        if !isTitle, let atmosphere = request.scene.atmosphere { before.append(atmosphere) }
        var after: [String] = []
        if !isTitle, let environment = request.scene.environment { after.append(environment) }
        after.append(isTitle ? words.titleCamera : camera(request.draft))
        after.append(isTitle ? words.titleTone : request.scene.tone)
        if let style = request.style, !style.isEmpty { after.append(words.style(style)) }
        if let extra = request.draft.extraPrompt, !extra.isEmpty { after.append(extra) }
        // A join of parts is the joins of its pieces, run together: each part is read on its
        // own. So the fixed parts are joined once, and the subject is fitted between them.
        let opening = PromptText.join(before, language: language)
        let closing = PromptText.join(after, language: language)
        let fixed = PromptText.concatenate([opening, closing], language: language)
        let budget = maxCharacters - TextMeasure.characterCount(fixed) - (language == .english ? 2 : 0)
        let subject = PromptText.cut(PromptText.join([self.subject(request)], language: language), to: max(budget, 0))
        let full = PromptText.concatenate([opening, PromptText.join([subject], language: language), closing], language: language)
        return PromptText.cut(full, to: maxCharacters)
    }

    /// The wording of the prompt's language.
    private var words: any Phrasebook { language.phrasebook }

    // MARK: - Parts

    private func environment(_ scene: SceneSource) -> String? {
        guard let heading = scene.heading, !heading.location.isEmpty else { return nil }
        return words.environment(words.place(heading.location), setting: heading.setting)
    }

    private func camera(_ draft: ShotDraft) -> String {
        words.camera(size: draft.size, angle: draft.angle, move: draft.move, direction: draft.direction, lens: draft.lens)
    }

    // MARK: - Subject and action

    private func subject(_ request: Request) -> String {
        let draft = request.draft
        // Never more than a few prompts' worth: the subject is cut to fit one anyway.
        let actionText = Self.joinSentences(
            BoundedText.prefixes(request.units.lazy.filter { $0.kind == .action }.map(\.text), limit: 2 * maxCharacters).texts)
        let speaker = draft.speaker.map(name)
        let speakers = Self.speakers(of: request.units)
        var text: String
        switch draft.kind {
        case .title:
            text = words.titleCard(request.units.map(\.text).joined(separator: " "))
        case .reaction where actionText.isEmpty:
            text = words.listensInSilence(list(draft.characters))
        case .offscreenVoice:
            text = offscreenSubject(draft)
        default:
            if !actionText.isEmpty {
                text = prose(actionText)
                if let looker = draft.pointOfView {
                    text = words.pointOfView(name(looker), text)
                } else if draft.size == .overTheShoulder, let foreground = draft.foreground {
                    text = words.overShoulder(name(foreground), text)
                }
                if let speaker, speakers.count <= 1 {
                    text = words.action(text, thenSpeaks: speaker, verb: verb(draft, request.units))
                } else if speakers.count > 1 {
                    text = words.action(text, thenSpeaks: list(speakers), verb: words.verb(.says, manner: nil))
                }
            } else if speakers.count > 1 && !draft.simultaneous {
                text = words.exchange(list(speakers))
            } else if speaker != nil {
                text = speakingSubject(draft, units: request.units)
            } else if draft.kind == .establishing && draft.setting == .exterior {
                text = words.exterior(words.place(PlaceHistory.place(request.scene.scene.location)))
            } else if draft.kind == .establishing {
                let location = request.scene.scene.location
                text = words.establishing(location.isEmpty ? nil : words.place(location))
            } else {
                text = framedSubject(draft)
            }
        }
        return describingCharacters(in: text, present: draft.characters + (draft.speaker.map { [$0] } ?? []))
    }

    /// The people who speak in `units`, in order of their first line.
    static func speakers(of units: [TextUnit]) -> [String] {
        units.reduce(into: []) { names, unit in
            if unit.kind == .speech || unit.kind == .lyric, let speaker = unit.speaker, !names.contains(speaker) {
                names.append(speaker)
            }
        }
    }

    private func speakingSubject(_ draft: ShotDraft, units: [TextUnit]) -> String {
        let speaker = name(draft.speaker ?? "")
        let others = draft.characters.filter { $0 != draft.speaker }.map(name)
        if draft.simultaneous { return words.simultaneous(list(draft.characters)) }
        let verb = self.verb(draft, units)
        switch draft.size {
        case .overTheShoulder:
            return words.overTheShoulder(foreground: name(draft.foreground ?? draft.characters.first { $0 != draft.speaker } ?? ""),
                                         speaker: speaker, verb: verb)
        case .twoShot where !others.isEmpty:
            return words.facing(speaker: speaker, others: words.list(others), verb: verb)
        default:
            return words.speaks(speaker, to: others.isEmpty ? nil : words.list(others), verb: verb)
        }
    }

    /// How the line is said: the parenthetical's manner, else asking or exclaiming from the punctuation.
    private func verb(_ draft: ShotDraft, _ units: [TextUnit]) -> String {
        let spoken = units.filter { $0.kind == .speech || $0.kind == .lyric }.map(\.text).joined(separator: " ")
        let kind: SpeechKind
        if units.contains(where: { $0.kind == .lyric }) {
            kind = .sings
        } else if spoken.hasSuffix("?") || spoken.hasSuffix("？") {
            kind = .asks
        } else if spoken.hasSuffix("!") || spoken.hasSuffix("！") {
            kind = .exclaims
        } else {
            kind = .says
        }
        return words.verb(kind, manner: draft.manner.map(prose))
    }

    private func offscreenSubject(_ draft: ShotDraft) -> String {
        if !draft.characters.isEmpty { return words.listensQuietly(list(draft.characters)) }
        if let subject = draft.subject { return prose(subject) }
        return words.sceneHolds
    }

    private func framedSubject(_ draft: ShotDraft) -> String {
        var parts: [String] = []
        if !draft.characters.isEmpty { parts.append(list(draft.characters)) }
        if let subject = draft.subject { parts.append(prose(subject)) }
        return parts.joined(separator: words.listSeparator)
    }

    // MARK: - Names and prose

    private func name(_ canonical: String) -> String {
        bible[canonical]?.displayName ?? CastIndex.display(canonical)
    }

    private func list(_ names: [String]) -> String {
        words.list(names.map(name))
    }

    /// Action prose for a prompt: shouted capitals lowered (`SLAMMED` → `slammed`), names
    /// in title case (`BRICK BRADDOCK` → `Brick Braddock`, `MARLOWE'S` → `Marlowe's`), and
    /// words in double quotes — what a sign or a card says — as written.
    func prose(_ text: String) -> String {
        Self.lowercasingShouts(text, names: properNouns)
    }

    /// Inserts each present character's description after their first mention, or adds
    /// it at the end when they are in frame but not named in the text.
    private func describingCharacters(in text: String, present: [String]) -> String {
        var result = text
        var missing: [String] = []
        var seen: Set<String> = []
        for canonical in present where seen.insert(canonical).inserted {
            guard let description = bible[canonical]?.description, !description.isEmpty,
                  !TextMeasure.occurs(description, in: result) else { continue }
            let display = name(canonical)
            let note = words.description(description)
            if let found = Self.plainMention(of: display, in: result) {
                result.insert(contentsOf: note, at: found.upperBound)
            } else {
                missing.append(display + note)
            }
        }
        guard !missing.isEmpty else { return result }
        return PromptText.concatenate([PromptText.join([result], language: language), words.inFrame(missing)], language: language)
    }

    /// Sentences joined with a space, except after Chinese punctuation.
    static func joinSentences(_ sentences: [String]) -> String {
        sentences.reduce(into: "") { text, sentence in
            if let last = text.unicodeScalars.last, last.value < 0x2E80 { text += " " }
            text += sentence
        }
    }

    /// The first mention of a name not followed by a possessive (`Steel's`), where a
    /// description in parentheses reads naturally.
    static func plainMention(of name: String, in text: String) -> Range<String.Index>? {
        var from = text.startIndex
        while let found = TextMeasure.range(of: name, in: text, from: from) {
            let next = text[found.upperBound...].prefix(2)
            if !(next.hasPrefix("'s") || next.hasPrefix("’s")) { return found }
            from = found.upperBound
        }
        return nil
    }

    /// Lowers words written all in capitals (two letters or more) and capitalises one that
    /// starts a sentence; a run of capitalised words holding a name is title-cased instead.
    static func lowercasingShouts(_ text: String, names: Set<String>) -> String {
        var previousUpper = false
        var hasShout = false
        for byte in text.utf8 {
            let upper = (0x41...0x5A).contains(byte)
            if upper && previousUpper {
                hasShout = true
                break
            }
            previousUpper = upper || byte >= 0x80
        }
        guard hasShout || text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        let tokens = ShoutTokens.split(text)
        func isShout(_ word: String) -> Bool {
            if let ascii = ShoutTokens.isASCIIShout(word) { return ascii }
            let letters = word.filter(\.isLetter)
            return letters.count >= 2 && letters.allSatisfy { $0.isUppercase } && letters != "TV" && letters != "OK"
        }
        func nameWord(_ word: String) -> Bool {
            names.contains(word.uppercased()) || names.contains(String(word.uppercased().prefix { $0 != "'" && $0 != "’" }))
        }
        var output = ""
        var sentenceStart = true
        var quoted = false
        var index = 0
        while index < tokens.count {
            guard case .word(let first) = tokens[index], isShout(first), !quoted else {
                switch tokens[index] {
                case .word(let plain):
                    output += plain
                    sentenceStart = false
                case .other(let character):
                    output.append(character)
                    if ".!?".contains(character) { sentenceStart = true }
                    if character == "\"" || character == "“" || character == "”" { quoted = character == "“" || (character == "\"" && !quoted) }
                }
                index += 1
                continue
            }
            var run = [first]
            var end = index + 1
            while end + 1 < tokens.count, case .other(" ") = tokens[end], case .word(let next) = tokens[end + 1], isShout(next) {
                run.append(next)
                end += 2
            }
            let titled = run.contains(where: nameWord)
            let words = run.enumerated().map { offset, word -> String in
                let lowered = word.lowercased()
                if titled { return CastIndex.display(word) }
                return offset == 0 && sentenceStart ? lowered.capitalisedFirst : lowered
            }
            output += words.joined(separator: " ")
            sentenceStart = false
            index = end
        }
        return output
    }

    /// A location written in capitals as a place name: `BRICK'S PATIO` → `Brick's Patio`.
    static func titleCase(_ text: String) -> String {
        let letters = text.filter(\.isLetter)
        guard !letters.isEmpty, letters.allSatisfy({ $0.isUppercase || !$0.isCased }) else { return text }
        return CastIndex.display(text)
    }

    static func capitalisedFirst(_ text: String) -> String { text.capitalisedFirst }
}

extension String {
    /// The string with its first character uppercased.
    var capitalisedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}

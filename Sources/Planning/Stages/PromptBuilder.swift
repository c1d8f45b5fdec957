import Screenplay

/// Stage 4 of planning: a segment's prompt in the order a text-to-video model reads best —
/// atmosphere, subject and action, environment, camera language, colour tone (GENERATORS.md)
/// — filled from the scene, the shot and the character bible. Dialogue shots describe the
/// speaker speaking, not the words.
struct PromptBuilder: Sendable {
    let language: PromptLanguage
    let bible: [String: CharacterProfile]
    let cast: CastIndex
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
        return SceneParts(scene: scene, daylight: daylight, atmosphere: atmosphere(daylight, setting: scene.heading?.setting),
                          environment: environment(scene), tone: tone(daylight))
    }

    func prompt(_ request: Request) -> String {
        let isTitle = request.draft.kind == .title
        var before: [String] = []
        if request.isContinuation { before.append(english ? "Continuation of the same shot, seamless" : "延续上一段画面，同一镜头") }
        if !isTitle, let atmosphere = request.scene.atmosphere { before.append(atmosphere) }
        var after: [String] = []
        if !isTitle, let environment = request.scene.environment { after.append(environment) }
        after.append(isTitle ? (english ? "Static camera" : "固定镜头") : camera(request.draft))
        after.append(isTitle ? (english ? "Clean graphic title, high contrast" : "简洁的字幕画面，高对比度") : request.scene.tone)
        if let style = request.style, !style.isEmpty { after.append(english ? "Style: \(style)" : "风格：\(style)") }
        if let extra = request.draft.extraPrompt, !extra.isEmpty { after.append(extra) }
        // A join of parts is the joins of its pieces, run together: each part is read on its
        // own. So the fixed parts are joined once, and the subject is fitted between them.
        let opening = PromptText.join(before, language: language)
        let closing = PromptText.join(after, language: language)
        let fixed = PromptText.concatenate([opening, closing], language: language)
        let budget = maxCharacters - TextMeasure.characterCount(fixed) - (english ? 2 : 0)
        let subject = PromptText.cut(PromptText.join([self.subject(request)], language: language), to: max(budget, 0))
        let full = PromptText.concatenate([opening, PromptText.join([subject], language: language), closing], language: language)
        return PromptText.cut(full, to: maxCharacters)
    }

    private var english: Bool { language == .english }

    // MARK: - Parts

    private func atmosphere(_ daylight: Daylight, setting: Setting?) -> String? {
        switch daylight {
        case .day: english ? "Bright daylight" : "白天，明亮的自然光"
        case .night: english ? "Night, low-key light" : "夜晚，低调照明"
        case .dawn: english ? "Dawn, soft early light" : "黎明，柔和的晨光"
        case .dusk: english ? "Dusk, warm low sun" : "黄昏，温暖的斜阳"
        case .unspecified: setting == .interior ? (english ? "Soft interior light" : "柔和的室内光线") : nil
        }
    }

    private func tone(_ daylight: Daylight) -> String {
        switch daylight {
        case .day: english ? "Natural warm colours" : "色调自然温暖"
        case .night: english ? "Cool blue tones, deep shadows" : "冷蓝色调，阴影深重"
        case .dawn: english ? "Soft pastel tones" : "柔和的粉色调"
        case .dusk: english ? "Golden orange tones" : "金橙色调"
        case .unspecified: english ? "Natural colours" : "色调自然"
        }
    }

    private func environment(_ scene: SceneSource) -> String? {
        guard let heading = scene.heading, !heading.location.isEmpty else { return nil }
        let location = english ? Self.titleCase(heading.location) : heading.location
        let setting: String? = switch heading.setting {
        case .interior?: english ? "Interior" : "内景"
        case .exterior?, .establishing?: english ? "Exterior" : "外景"
        case .interiorExterior?: english ? "Interior and exterior" : "内外景"
        case nil: nil
        }
        guard let setting else { return location }
        return english ? "\(setting), \(location)" : "\(setting)，\(location)"
    }

    private func camera(_ draft: ShotDraft) -> String {
        var terms = english ? [draft.size.english, draft.angle.english, draft.move.english]
            : [draft.size.chinese, draft.angle.chinese, draft.move.chinesePhrase]
        if let lens = draft.lens, !lens.isEmpty {
            let hasWord = TextMeasure.occurs("lens", in: lens.lowercased()) || TextMeasure.occurs("镜头", in: lens)
            terms.append(hasWord ? lens : (english ? "\(lens) lens" : "\(lens)镜头"))
        }
        let text = terms.joined(separator: english ? ", " : "，")
        return english ? Self.capitalisedFirst(text) : text
    }

    // MARK: - Subject and action

    private func subject(_ request: Request) -> String {
        let draft = request.draft
        // Never more than a few prompts' worth: the subject is cut to fit one anyway.
        let actionText = Self.joinSentences(
            BoundedText.prefixes(request.units.lazy.filter { $0.kind == .action }.map(\.text), limit: 2 * maxCharacters).texts)
        let speaker = draft.speaker.map(name)
        var text: String
        switch draft.kind {
        case .title:
            let title = request.units.map(\.text).joined(separator: " ")
            text = english ? "Title card: \"\(title)\" in clean white letters on black" : "字幕卡：“\(title)”，黑底白字"
        case .reaction where actionText.isEmpty:
            let who = list(draft.characters)
            text = english ? "\(who) listens in silence, reacting" : "\(who)默默倾听，做出反应"
        case .offscreenVoice:
            text = offscreenSubject(draft)
        default:
            if !actionText.isEmpty {
                text = prose(actionText)
                if let speaker { text += english ? "; \(speaker) \(verb(draft, request.units))" : "；\(speaker)\(verb(draft, request.units))" }
            } else if speaker != nil {
                text = speakingSubject(draft, units: request.units)
            } else if draft.kind == .establishing {
                let location = request.scene.scene.location
                let place = location.isEmpty ? (english ? "the location" : "场景") : place(location)
                text = english ? "Establishing view of \(place)" : "建立镜头，展现\(place)的全貌"
            } else {
                text = framedSubject(draft)
            }
        }
        return describingCharacters(in: text, present: draft.characters + (draft.speaker.map { [$0] } ?? []))
    }

    private func speakingSubject(_ draft: ShotDraft, units: [TextUnit]) -> String {
        let speaker = name(draft.speaker ?? "")
        let others = draft.characters.filter { $0 != draft.speaker }.map(name)
        if draft.simultaneous {
            let both = list(draft.characters)
            return english ? "\(both) speak at the same time" : "\(both)同时说话"
        }
        let verb = self.verb(draft, units)
        switch draft.size {
        case .overTheShoulder:
            let foreground = name(draft.foreground ?? others.first ?? "")
            return english ? "Over \(foreground)'s shoulder, \(speaker) \(verb) to \(foreground)"
                : "越过\(foreground)的肩膀，\(speaker)对\(foreground)\(verb)"
        case .twoShot where !others.isEmpty:
            return english ? "\(speaker) and \(list(others)) face each other; \(speaker) \(verb)"
                : "\(speaker)和\(list(others))面对面，\(speaker)\(verb)"
        default:
            if !others.isEmpty {
                return english ? "\(speaker) \(verb) to \(list(others))" : "\(speaker)对\(list(others))\(verb)"
            }
            return english ? "\(speaker) \(verb)" : "\(speaker)\(verb)"
        }
    }

    /// How the line is said: the parenthetical's manner, else asking or exclaiming from the punctuation.
    private func verb(_ draft: ShotDraft, _ units: [TextUnit]) -> String {
        let spoken = units.filter { $0.kind == .speech || $0.kind == .lyric }.map(\.text).joined(separator: " ")
        let singing = units.contains { $0.kind == .lyric }
        var verb: String
        if singing {
            verb = english ? "sings" : "正在唱歌"
        } else if spoken.hasSuffix("?") || spoken.hasSuffix("？") {
            verb = english ? "asks a question" : "正在提问"
        } else if spoken.hasSuffix("!") || spoken.hasSuffix("！") {
            verb = english ? "speaks emphatically" : "激动地说话"
        } else {
            verb = english ? "speaks" : "正在说话"
        }
        if let manner = draft.manner, !manner.isEmpty { verb += english ? ", \(prose(manner))" : "，\(manner)" }
        return verb
    }

    private func offscreenSubject(_ draft: ShotDraft) -> String {
        if !draft.characters.isEmpty {
            let who = list(draft.characters)
            return english ? "\(who) listens, quiet" : "\(who)静静地倾听"
        }
        if let subject = draft.subject { return english ? prose(subject) : subject }
        return english ? "The scene holds, still" : "画面静止"
    }

    private func framedSubject(_ draft: ShotDraft) -> String {
        var parts: [String] = []
        if !draft.characters.isEmpty { parts.append(list(draft.characters)) }
        if let subject = draft.subject { parts.append(english ? prose(subject) : subject) }
        return parts.joined(separator: english ? ", " : "，")
    }

    // MARK: - Names and prose

    private func name(_ canonical: String) -> String {
        bible[canonical]?.displayName ?? CastIndex.display(canonical)
    }

    private func list(_ names: [String]) -> String {
        let shown = names.map(name)
        guard english else { return shown.joined(separator: "和") }
        switch shown.count {
        case 0: return "Someone"
        case 1: return shown[0]
        default: return shown.dropLast().joined(separator: ", ") + " and " + shown.last!
        }
    }

    private func place(_ location: String) -> String {
        english ? Self.titleCase(location) : location
    }

    /// Action prose for a prompt: shouted capitals lowered (`SLAMMED` → `slammed`), names
    /// in title case (`BRICK BRADDOCK` → `Brick Braddock`).
    func prose(_ text: String) -> String {
        Self.lowercasingShouts(text, names: cast.nameWords)
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
            let note = english ? " (\(description))" : "（\(description)）"
            if let found = Self.plainMention(of: display, in: result) {
                result.insert(contentsOf: note, at: found.upperBound)
            } else {
                missing.append(english ? "\(display): \(description)" : "\(display)：\(description)")
            }
        }
        guard !missing.isEmpty else { return result }
        return PromptText.join([result], language: language) + (english ? " " : "") + missing.joined(separator: english ? "; " : "；")
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
        var index = 0
        while index < tokens.count {
            guard case .word(let first) = tokens[index], isShout(first) else {
                switch tokens[index] {
                case .word(let plain):
                    output += plain
                    sentenceStart = false
                case .other(let character):
                    output.append(character)
                    if ".!?".contains(character) { sentenceStart = true }
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

import Planning

/// The shot as a note is read against: what the rules step from (its size, its move, its
/// length) and what they write about (who is in it, its light, its prompt's language).
struct ShotState: Sendable {
    var id: ShotID
    var size: ShotSize
    var move: CameraMove
    var angle: CameraAngle
    /// The shot's length in milliseconds.
    var milliseconds: Int
    var daylight: Daylight
    /// The first segment's prompt, revisions so far included.
    var prompt: String
    /// Who the shot is of (display name), if anyone.
    var subject: String?
    var language: PromptLanguage
}

/// What a note asks for, as revise fields; nil fields are left alone.
struct NoteRevision: Sendable, Equatable {
    var promptAdd: String?
    var promptRemove: [String] = []
    var negativeAdd: String?
    var size: ShotSize?
    var move: CameraMove?
    var angle: CameraAngle?
    var milliseconds: Int?

    /// `other` over this one: its settings win, its additions and removals are added.
    func merged(with other: NoteRevision) -> NoteRevision {
        var result = self
        result.promptAdd = [promptAdd, other.promptAdd].compactMap { $0 }.joined(separator: ", ").nilIfEmpty
        result.promptRemove = promptRemove + other.promptRemove.filter { !promptRemove.contains($0) }
        result.negativeAdd = [negativeAdd, other.negativeAdd].compactMap { $0 }.joined(separator: ", ").nilIfEmpty
        result.size = other.size ?? size
        result.move = other.move ?? move
        result.angle = other.angle ?? angle
        result.milliseconds = other.milliseconds ?? milliseconds
        return result
    }
}

/// One row of the table of common previs notes (docs/review.md): the words that call it up,
/// in English and Chinese, and the revision it makes of the shot; nil when it cannot
/// (closer than an extreme close-up), with why.
struct NoteRule: Sendable {
    var name: String
    /// Lowercase phrases matched as whole words.
    var english: [String]
    /// Phrases matched anywhere.
    var chinese: [String]
    var revise: @Sendable (_ note: String, _ shot: ShotState) -> Result<NoteRevision, NoteRuleRefusal>

    /// Whether the note calls this rule up.
    func matches(_ lowercasedNote: String) -> Bool {
        english.contains { NoteRules.containsWords($0, in: lowercasedNote) } || chinese.contains { lowercasedNote.contains($0) }
    }
}

/// Why a rule that matched cannot revise the shot.
struct NoteRuleRefusal: Error, Sendable, Equatable {
    var reason: String
}

/// The table of common previs notes.
enum NoteRules {
    /// The rules that `note` calls up and what they make of `shot` together; the refusals of
    /// rules that matched and could not.
    static func revision(for note: String, shot: ShotState) -> (revision: NoteRevision?, rules: [String], refusals: [String]) {
        let lower = note.lowercased()
        var revision: NoteRevision?
        var names: [String] = []
        var refusals: [String] = []
        for rule in table where rule.matches(lower) {
            switch rule.revise(lower, shot) {
            case .success(let made):
                guard made != NoteRevision() else { continue }
                revision = (revision ?? NoteRevision()).merged(with: made)
                names.append(rule.name)
            case .failure(let refusal):
                refusals.append("\(rule.name): \(refusal.reason)")
            }
        }
        return (revision, names, refusals)
    }

    /// Whether `phrase` occurs in `text` with no letter or digit right before or after it.
    static func containsWords(_ phrase: String, in text: String) -> Bool {
        var searchFrom = text.startIndex
        while let found = text.range(of: phrase, range: searchFrom..<text.endIndex) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if !(before?.isLetter ?? false || before?.isNumber ?? false) && !(after?.isLetter ?? false || after?.isNumber ?? false) {
                return true
            }
            searchFrom = text.index(after: found.lowerBound)
        }
        return false
    }

    /// A revision adding `english` or `chinese` to the prompt (and to the negative prompt).
    private static func adding(
        _ english: String, _ chinese: String, negative: (String, String)? = nil, remove: ([String], [String]) = ([], [])
    ) -> @Sendable (String, ShotState) -> Result<NoteRevision, NoteRuleRefusal> {
        { _, shot in
            let zh = shot.language == .chinese
            var revision = NoteRevision(promptAdd: zh ? chinese : english)
            revision.negativeAdd = negative.map { zh ? $0.1 : $0.0 }
            revision.promptRemove = zh ? remove.1 : remove.0
            return .success(revision)
        }
    }

    /// One step along the size ladder.
    private static func sizeStep(_ steps: Int) -> @Sendable (String, ShotState) -> Result<NoteRevision, NoteRuleRefusal> {
        { _, shot in
            guard let size = shot.size.stepped(steps) else {
                return .failure(NoteRuleRefusal(reason: "the shot is already \(shot.size.english)"))
            }
            return .success(NoteRevision(size: size))
        }
    }

    /// The length scaled by `factor`, to a tenth of a second, at least a second.
    private static func length(_ factor: Double) -> @Sendable (String, ShotState) -> Result<NoteRevision, NoteRuleRefusal> {
        { _, shot in
            let tenths = max(10, Int((Double(shot.milliseconds) * factor / 100).rounded()))
            return .success(NoteRevision(milliseconds: tenths * 100))
        }
    }

    static let table: [NoteRule] = [
        NoteRule(
            name: "too dark", english: ["too dark", "brighter", "more light", "lighter", "underexposed", "can't see"],
            chinese: ["太暗", "亮一点", "更亮", "提亮", "看不清"],
            revise: adding("brighter, well-lit scene with clearly visible detail", "画面更明亮，光线充足，细节清晰",
                           negative: ("underexposed, murky shadows", "曝光不足，阴暗浑浊"))),
        NoteRule(
            name: "too bright", english: ["too bright", "darker", "washed out", "overexposed", "moodier"],
            chinese: ["太亮", "暗一点", "更暗", "过曝"],
            revise: adding("darker, moodier low-key lighting", "画面更暗，低调照明，氛围更浓",
                           negative: ("overexposed, washed out", "过曝，画面发白"))),
        NoteRule(
            name: "too fast", english: ["too fast", "too quick", "slower", "slow down", "rushed"],
            chinese: ["太快", "慢一点", "放慢", "慢些"],
            revise: adding("slow, unhurried movement", "动作缓慢从容", negative: ("fast motion", "快速运动"),
                           remove: (["quickly", "rapidly", "hurriedly"], ["快速", "迅速", "匆匆"]))),
        NoteRule(
            name: "too slow", english: ["too slow", "faster", "speed up", "sluggish", "more pace"],
            chinese: ["太慢", "快一点", "加快", "快些"],
            revise: adding("brisk, energetic movement", "动作轻快有力", negative: ("slow motion", "慢动作"),
                           remove: (["slowly", "unhurried"], ["慢慢地", "缓缓地"]))),
        NoteRule(
            name: "abrupt entrance",
            english: ["abrupt", "too sudden", "suddenly appears", "pops in", "pops into", "out of nowhere"],
            chinese: ["突兀", "太突然", "出场太快", "突然出现"],
            revise: { _, shot in
                let zh = shot.language == .chinese
                let who = shot.subject ?? (zh ? "人物" : "the subject")
                var revision = NoteRevision(promptAdd: zh ? "\(who)从画面边缘缓缓走入" : "\(who) enters gradually from the edge of frame, stepping in slowly")
                revision.promptRemove = zh ? ["突然", "猛地", "冲进"] : ["suddenly", "abruptly", "bursts in", "bursts into"]
                revision.negativeAdd = zh ? "突然出现" : "sudden appearance, jump cut"
                return .success(revision)
            }),
        NoteRule(
            name: "closer", english: ["closer", "tighter", "punch in", "too wide", "too far"],
            chinese: ["近一点", "再近", "更近", "太远"], revise: sizeStep(1)),
        NoteRule(
            name: "wider", english: ["wider", "pull back", "too tight", "too close", "more room", "see more"],
            chinese: ["远一点", "再远", "更远", "太近", "宽一点"], revise: sizeStep(-1)),
        NoteRule(
            name: "more movement", english: ["more movement", "more dynamic", "too static", "more energy", "move the camera"],
            chinese: ["太呆板", "太静", "动起来", "多一点运动", "更有动感"],
            revise: { _, shot in
                if shot.move == .static { return .success(NoteRevision(move: .pushIn)) }
                return .success(NoteRevision(promptAdd: shot.language == .chinese ? "镜头运动更有活力" : "more dynamic camera movement"))
            }),
        NoteRule(
            name: "hold still",
            english: ["hold still", "too shaky", "lock it off", "locked off", "keep it static", "less movement", "too much movement"],
            chinese: ["固定镜头", "别动", "稳一点", "太晃", "不要晃"],
            revise: { _, shot in
                var revision = NoteRevision(move: .static)
                revision.negativeAdd = shot.language == .chinese ? "镜头抖动" : "camera shake"
                return .success(revision)
            }),
        NoteRule(
            name: "time of day", english: ["time of day", "should be", "make it", "supposed to be", "needs to be", "change to"],
            chinese: ["应该是", "改成", "换成", "时间不对"],
            revise: { note, shot in
                guard let target = TimeOfDayWords.named(in: note, other: shot.daylight) else {
                    // "Make it brighter" is not about the time of day; "wrong time of day" is.
                    guard note.contains("time of day") || note.contains("时间不对") else { return .success(NoteRevision()) }
                    return .failure(NoteRuleRefusal(reason: "say which time of day the shot should be (\"should be night\")"))
                }
                var revision = NoteRevision(promptAdd: TimeOfDayWords.phrase(target, shot.language))
                revision.promptRemove = TimeOfDayWords.clauses(naming: shot.daylight, in: shot.prompt)
                return .success(revision)
            }),
        NoteRule(
            name: "too long", english: ["too long", "shorter", "drags", "trim it", "cut it down"],
            chinese: ["太长", "短一点", "拖沓", "剪短"], revise: length(2.0 / 3.0)),
        NoteRule(
            name: "too short", english: ["too short", "longer", "more time", "linger"],
            chinese: ["太短", "长一点", "多停留", "多停一会"], revise: length(1.5)),
        NoteRule(
            name: "blurry", english: ["blurry", "out of focus", "sharper", "not sharp"],
            chinese: ["模糊", "不清楚", "更清晰", "失焦"],
            revise: adding("sharp focus, crisp detail", "焦点清晰，细节锐利", negative: ("blur, out of focus", "模糊，失焦"))),
        NoteRule(
            name: "cluttered", english: ["too busy", "cluttered", "simplify", "simpler", "too much going on"],
            chinese: ["太乱", "太杂", "简洁一点", "简化"],
            revise: adding("simple, uncluttered composition", "构图简洁，背景干净",
                           negative: ("cluttered background", "杂乱的背景"))),
        NoteRule(
            name: "low angle", english: ["from below", "low angle", "look up at", "more heroic", "more powerful"],
            chinese: ["仰拍", "仰视", "从下往上"], revise: { _, _ in .success(NoteRevision(angle: .low)) }),
        NoteRule(
            name: "high angle", english: ["from above", "high angle", "look down on", "more vulnerable"],
            chinese: ["俯拍", "俯视", "从上往下"], revise: { _, _ in .success(NoteRevision(angle: .high)) }),
        NoteRule(
            name: "eye level", english: ["eye level", "eye-level", "straight on"],
            chinese: ["平视"], revise: { _, _ in .success(NoteRevision(angle: .eyeLevel)) }),
    ]
}

/// The times of day a note can ask for, and what a prompt says for each.
enum TimeOfDayWords {
    /// Words naming each light, lowercase, English and Chinese.
    static let words: [(Daylight, [String])] = [
        (.night, ["night", "nighttime", "midnight", "low-key", "夜", "晚上", "深夜"]),
        (.dawn, ["dawn", "sunrise", "daybreak", "early light", "黎明", "清晨", "日出", "晨光"]),
        (.dusk, ["dusk", "sunset", "evening", "twilight", "low sun", "黄昏", "傍晚", "日落", "斜阳"]),
        (.day, ["day", "daytime", "daylight", "noon", "afternoon", "morning", "白天", "中午", "下午", "日光"]),
    ]

    /// The first light other than `current` that `note` names.
    static func named(in note: String, other current: Daylight) -> Daylight? {
        // "time of day" names no time of day.
        let note = note.replacingOccurrences(of: "time of day", with: "")
        var best: (Daylight, String.Index)?
        for (light, names) in words where light != current {
            for name in names {
                let found = name.unicodeScalars.first!.value < 0x80
                    ? (NoteRules.containsWords(name, in: note) ? note.range(of: name)?.lowerBound : nil)
                    : note.range(of: name)?.lowerBound
                if let found, best.map({ found < $0.1 }) ?? true { best = (light, found) }
            }
        }
        return best?.0
    }

    /// What a prompt says for a light.
    static func phrase(_ light: Daylight, _ language: PromptLanguage) -> String {
        let zh = language == .chinese
        switch light {
        case .night: return zh ? "夜晚，低调照明，冷蓝色调" : "night, low-key light, cool blue tones"
        case .dawn: return zh ? "黎明，柔和的晨光" : "dawn, soft early light, soft pastel tones"
        case .dusk: return zh ? "黄昏，温暖的斜阳，金橙色调" : "dusk, warm low sun, golden orange tones"
        case .day, .unspecified: return zh ? "白天，明亮的自然光" : "bright daylight, natural warm colours"
        }
    }

    /// The clauses of `prompt` (between commas and full stops) that name `light`: what a
    /// change of time of day takes out.
    static func clauses(naming light: Daylight, in prompt: String) -> [String] {
        guard let names = words.first(where: { $0.0 == light })?.1 else { return [] }
        let clauses = prompt.split(whereSeparator: { ",.;，。；".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return clauses.filter { clause in
            let lower = clause.lowercased()
            return names.contains { name in
                name.unicodeScalars.first!.value < 0x80 ? NoteRules.containsWords(name, in: lower) : lower.contains(name)
            }
        }
    }
}

extension String {
    /// nil for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

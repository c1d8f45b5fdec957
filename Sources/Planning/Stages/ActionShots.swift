import Screenplay

/// Action paragraphs: each is a shot, a long one several (split at sentences); the size
/// follows who is in it; camera verbs set the move; a short reaction during an exchange
/// becomes a reaction shot.
extension Breakdown {
    /// Action that reads as a reaction when it is short and inside an exchange.
    static let reactionCues = ["looks at", "look at each other", "stares", "smiles", "nods", "shrugs", "glares", "frowns",
                               "laughs", "laugh", "sighs", "winces", "reacts", "share a look", "exchange a look",
                               "exchange looks", "blinks", "swallows", "看着", "笑了", "点头", "叹气", "沉默", "愣住"]
    /// Details that call for a close-up in a short action.
    static let closeUpCues = ["face", "eyes", "eye", "hand", "hands", "fingers", "finger", "lips", "tear", "tears",
                              "脸", "眼睛", "手", "泪"]
    /// Looks and expressions a close-up shows.
    static let lookCues = ["looks", "looks back", "stares", "glances", "sees", "notices", "smiles", "frowns", "blinks", "her eyes", "his eyes",
                           "看着", "笑了", "眼睛"]
    /// Bodies moving through space: a wide shot.
    static let travelCues = ["runs", "run", "sprints", "races", "flees", "jogs", "cuts left", "cuts right", "ploughs", "plows",
                             "walks away", "walks off", "heads off", "drives off", "cycles", "rides", "crosses the",
                             "marches", "charges", "跑", "冲"]
    /// Someone coming into the room or leaving it: the whole figure against the place, a
    /// medium wide that shows the geography change.
    static let entranceCues = ["comes in", "enters", "walks in", "steps in", "bursts in", "storms in", "walks out", "leaves",
                               "exits", "storms out", "steps out", "gets out", "goes out", "走进", "进门", "进来", "离开", "走出"]
    /// Someone alone in the space: a wide, so the emptiness shows.
    static let aloneCues = ["alone", "by herself", "by himself", "一个人", "独自"]
    /// Whole-body action: a medium wide shot.
    static let bodyCues = ["vaults", "vault", "climbs", "climb", "jumps", "jump", "leaps", "falls", "drops to", "ducks", "crawls",
                           "dives", "rolls",
                           "tackles", "slams into", "rounds", "throws", "swings", "kicks", "punches", "dances", "spins",
                           "爬", "跳", "摔", "扑"]
    /// Words for people the cast does not name.
    static let figureCues = ["man", "woman", "boy", "girl", "guard", "porter", "stranger", "driver", "waiter", "officer",
                             "kid", "figure", "silhouette", "人"]
    /// Verbs of travel that a tracking shot follows.
    static let followCues = ["runs", "run", "chases", "races", "drives", "speed off", "speeds off", "flees", "sprints",
                             "walks down", "walks along", "跑", "追", "飞奔"]

    mutating func action(_ action: Action, timing: TimingRules) {
        let written = action.text
        let text = TextMeasure.collapsingWhitespace(written)
        guard !text.isEmpty else { return }
        if action.lines.count == 1, let transition = ShotLineRules.transition(in: text) {
            self.transition(transition)
            return
        }
        let sentences = Sentences.split(written)
        let units = sentences.map { TextUnit(kind: .action, text: $0, speaker: nil, range: action.range) }
        let cast = self.cast
        if fillOpenScripted(with: units, characters: cast.characters(in: text), speaker: nil) { return }
        let paragraph = (text: text, characters: cast.characters(in: text))
        seen.formUnion(paragraph.characters)
        let beats = hasPendingAnnotation ? [] : ActionBeats(cast: cast).split(sentences)
        // A reaction is one picture: a paragraph of two beats (`She shows him. He stares.`) is two shots.
        if run != nil, !hasPendingAnnotation, beats.count == 1, let reaction = reactionShot(paragraph, range: action.range) {
            add(reaction)
            return
        }
        // A written pause turns the exchange into singles; other action moves the scene on.
        run?.inSingles = Breakdown.isPauseBeat(text)
        // An annotation frames the whole paragraph; otherwise each beat is a shot, a long one several.
        var chunks: [(units: [TextUnit], pointOfView: Bool, insert: Bool)] = []
        if hasPendingAnnotation {
            chunks = [(units, false, false)]
        } else {
            for beat in beats {
                let beatUnits = beat.sentences.map { TextUnit(kind: .action, text: $0, speaker: nil, range: action.range) }
                // The paragraph that establishes the place keeps its things (`A radio plays low.`)
                // in the establishing shot: they are the room, not yet a detail anyone handles.
                if beat.isInsert, opensScene, chunks.count == 1 {
                    chunks[0].units += beatUnits
                    continue
                }
                for (index, chunk) in chunked(beatUnits, maxWords: timing.actionShotWords).enumerated() {
                    chunks.append((chunk, beat.isPointOfView && index == 0, beat.isInsert && index == 0))
                }
            }
        }
        for (index, chunk) in chunks.enumerated() {
            var draft = actionShot(chunk.units, range: action.range, paragraph: paragraph)
            if chunk.insert && Breakdown.writtenSize(draft.text) == nil { draft.size = .insert }
            if chunk.pointOfView, let looker = lastDraft?.characters.first {
                draft.pointOfView = looker
                draft.size = draft.characters.isEmpty ? .wide : .medium
            }
            if index == 0 && opensScene {
                let opening = establishing(at: action.range)
                draft.kind = .establishing
                draft.size = opening.size
                if CameraTerms.move(inAction: draft.text) == nil { draft.move = opening.move }
            }
            add(draft)
        }
    }

    /// Sentences grouped into shots of at most `maxWords` words (a longer sentence stands alone).
    private func chunked(_ units: [TextUnit], maxWords: Int) -> [[TextUnit]] {
        var chunks: [[TextUnit]] = []
        var current: [TextUnit] = []
        var words = 0
        for unit in units {
            let unitWords = TextMeasure.words(unit.text) + TextMeasure.ideographs(unit.text) / 2
            if !current.isEmpty && words + unitWords > maxWords {
                chunks.append(current)
                current = []
                words = 0
            }
            current.append(unit)
            words += unitWords
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    /// One action shot: the size from who is in it, closer for a detail, a step closer
    /// than an identical shot just before it. `paragraph` is the whole paragraph's text
    /// and characters, reused when the shot holds all of it.
    private func actionShot(_ units: [TextUnit], range: SourceRange,
                            paragraph: (text: String, characters: [String])) -> ShotDraft {
        let text = units.map(\.text).joined(separator: " ")
        let lower = text.lowercased()
        var characters = text == paragraph.text ? paragraph.characters : cast.characters(in: text)
        if characters.isEmpty, units.contains(where: { Breakdown.continuesSubject($0.text) }), let previous = lastDraft,
           previous.kind != .title {
            characters = previous.characters
        }
        let words = TextMeasure.words(text) + TextMeasure.ideographs(text) / 2
        let starts = WordStarts(lower)
        func cued(_ cues: [String]) -> Bool { cues.contains { starts.mayContain($0) && TextMeasure.contains($0, in: lower) } }
        // A figure the cast does not name (`The man waves.`, `The Attendant kicks the door open.`)
        // is a person all the same.
        let unnamed = extras.count(in: text)
        let figures = characters.count + unnamed + (characters.isEmpty && unnamed == 0 && cued(Breakdown.figureCues) ? 1 : 0)
        let size: ShotSize
        if let named = Breakdown.writtenSize(text) {
            // The writer framed it: `CLOSE ON the notebook.`
            size = named
        } else if figures == 1 && cued(Breakdown.aloneCues) {
            size = .wide
        } else if figures <= 1 && (words <= 14 && cued(Breakdown.closeUpCues) || words <= 10 && cued(Breakdown.lookCues)) {
            size = .closeUp
        } else if words <= 14 && cued(Breakdown.closeUpCues) {
            size = .mediumCloseUp
        } else if figures >= 1 && figures <= 2 && cued(Breakdown.travelCues) {
            // A body moving through space: the space shows.
            size = .wide
        } else if figures >= 1 && figures <= 2 && (cued(Breakdown.bodyCues) || cued(Breakdown.entranceCues)) {
            size = .mediumWide
        } else {
            switch figures {
            case 0: size = .wide
            case 1: size = .medium
            case 2: size = .mediumWide
            default: size = .wide
            }
        }
        var draft = ShotDraft(kind: .action, size: size, range: range)
        draft.characters = characters
        draft.units = units
        if let move = CameraTerms.move(inLowercasedAction: lower, words: starts) {
            draft.move = move
            draft.direction = CameraTerms.direction(of: move, in: lower)
        } else if Breakdown.followCues.contains(where: { starts.mayContain($0) && TextMeasure.contains($0, in: lower) }) {
            draft.move = .follow
        }
        if let angle = ShotLineRules.angle(inLowercased: lower, words: starts) { draft.angle = angle }
        return draft
    }

    /// A size the writer puts in capitals at the start of action (`CLOSE ON the notebook.`,
    /// `WIDE ON the square.`).
    static func writtenSize(_ text: String) -> ShotSize? {
        let opening = text.split(separator: " ", maxSplits: 2).prefix(2)
        guard let first = opening.first, first.count >= 2, first.allSatisfy({ $0.isUppercase || $0 == "-" }) else { return nil }
        let shouted = opening.prefix { $0.allSatisfy { $0.isUppercase || $0 == "-" || $0 == ":" } }.joined(separator: " ")
        return CameraTerms.size(in: shouted)?.size
    }

    /// Whether action opens on a pronoun (`She brakes hard.`, `他转过身。`): it goes on
    /// with whoever the shot before showed.
    static func continuesSubject(_ text: String) -> Bool {
        let text = withoutItemMarker(text)
        let first = text.prefix { !$0.isWhitespace && $0 != "," && $0 != "，" }
        return ["He", "She", "They", "His", "Her", "Their"].contains(String(first))
            || ["他", "她", "他们", "她们"].contains { text.hasPrefix($0) }
    }

    /// Text after a montage or list item's marker (`B) `, `-- `, `3. `), where its sentence starts.
    static func withoutItemMarker(_ text: String) -> Substring {
        var rest = Substring(text)
        if rest.hasPrefix("--") || rest.hasPrefix("—") || rest.hasPrefix("- ") {
            rest = rest.drop { $0 == "-" || $0 == "—" }
        } else if let close = rest.prefix(4).firstIndex(where: { $0 == ")" || $0 == "." }), close > rest.startIndex,
                  rest[..<close].allSatisfy({ $0.isNumber || ($0.isUppercase && $0.isASCII) }),
                  rest.index(after: close) < rest.endIndex, rest[rest.index(after: close)] == " " {
            rest = rest[rest.index(after: close)...]
        }
        return rest.drop { $0 == " " }
    }

    /// A short action inside an exchange that shows someone reacting.
    private func reactionShot(_ paragraph: (text: String, characters: [String]), range: SourceRange) -> ShotDraft? {
        let text = paragraph.text
        let lower = text.lowercased()
        guard TextMeasure.words(text) + TextMeasure.ideographs(text) / 2 <= 15,
              Breakdown.reactionCues.contains(where: { TextMeasure.contains($0, in: lower) }) else { return nil }
        var characters = paragraph.characters
        if characters.isEmpty { characters = run?.speakers ?? [] }
        guard !characters.isEmpty else { return nil }
        let size: ShotSize = switch characters.count {
        case 1: .closeUp
        case 2: .twoShot
        default: .mediumWide
        }
        var draft = ShotDraft(kind: .reaction, size: size, range: range)
        draft.characters = characters
        draft.units = Sentences.split(text).map { TextUnit(kind: .action, text: $0, speaker: nil, range: range) }
        return draft
    }
}

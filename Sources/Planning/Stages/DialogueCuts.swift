import Screenplay

/// Where an editor cuts talk into singles rather than holding it in a two-shot: across an
/// intercut (the speakers are in different places), at an interruption (a line cut off
/// with a dash cuts to whoever cuts in), and at a turn (after a written pause, or a short
/// charged line answering a long one). A crowd's line plays on a wide of the crowd.
extension Breakdown {
    /// Cues that speak for many people at once.
    static let groupNames: Set<String> = ["ALL", "CROWD", "THE CROWD", "EVERYONE", "EVERYBODY", "CHORUS", "VOICES",
                                          "OTHERS", "THE OTHERS", "众人", "大家", "所有人", "人群", "全体"]
    /// A speech this long (words, or Chinese characters / 2) makes a short charged reply a turn.
    static let longSpeechWords = 12

    static func isGroup(_ speaker: String) -> Bool { groupNames.contains(speaker) }

    /// A crowd's line plays on the wide the scene is on, or on a wide of its own.
    mutating func groupLine(_ dialogue: Dialogue, speaker: String) {
        let lines = units(of: dialogue.lines, speaker: speaker)
        if let previous = lastDraft, previous.kind != .title, !previous.simultaneous,
           previous.size.closeness <= ShotSize.wide.closeness {
            drafts[drafts.count - 1].units += lines
            return
        }
        var draft = ShotDraft(kind: .dialogue, size: .wide, range: dialogue.range)
        draft.characters = [speaker]
        draft.speaker = speaker
        draft.units = lines
        add(draft)
    }

    /// Why the line at `index` goes into a single of its speaker, if it does.
    func cutsToSingle(_ dialogue: Dialogue, speaker: String, at index: Int) -> Bool {
        if run?.inSingles == true { return true }
        if let listener = run?.listener(for: speaker), intercut?.apart(speaker, listener) == true { return true }
        guard let before = previousSpeech(before: index), CastIndex.canonical(before.character) != speaker else { return false }
        let said = Self.spoken(before)
        if Self.endsCutOff(said) { return true }
        // A short charged reply to a long speech: `Because we were seeing!`
        let reply = Self.spoken(dialogue)
        return TextMeasure.words(said) + TextMeasure.ideographs(said) / 2 >= Self.longSpeechWords
            && TextMeasure.words(reply) + TextMeasure.ideographs(reply) / 2 <= DialogueRun.shortLineWords
            && (reply.hasSuffix("!") || reply.hasSuffix("！"))
    }

    /// When the line at `index` cuts in on a speech left hanging, the shot that holds only
    /// that speech becomes a single too, so the cut goes from face to face.
    mutating func tightenInterrupted(before index: Int, speaker: String) {
        guard let before = previousSpeech(before: index), Self.endsCutOff(Self.spoken(before)),
              CastIndex.canonical(before.character) != speaker, let last = lastDraft, last.kind == .dialogue,
              !last.simultaneous, last.speaker == CastIndex.canonical(before.character), last.units.turns == 1,
              last.size.closeness < ShotSize.mediumCloseUp.closeness || last.size == .overTheShoulder else { return }
        drafts[drafts.count - 1].size = .mediumCloseUp
        drafts[drafts.count - 1].characters = [last.speaker!]
        drafts[drafts.count - 1].foreground = nil
    }

    /// Whether a line stops on a dash: it is cut off.
    static func endsCutOff(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: " ")
        return trimmed.hasSuffix("--") || trimmed.hasSuffix("—") || trimmed.hasSuffix("–")
    }

    /// Whether action in an exchange is a written pause (`Silence.`, `A long beat.`): what
    /// is said after it is a turn.
    static func isPauseBeat(_ text: String) -> Bool {
        guard let first = Sentences.split(text).first else { return false }
        let lower = first.lowercased()
        return TextMeasure.words(first) + TextMeasure.ideographs(first) / 2 <= 6
            && ["silence", "beat", "pause", "nobody speaks", "no one speaks", "沉默", "停顿", "片刻", "半晌"]
                .contains { TextMeasure.occurs($0, in: lower) }
    }

    /// Whether a parenthetical holds the speaker before the line (`after a long beat`): a turn.
    static func isTurnPause(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["beat", "pause", "silence", "沉默", "停顿", "片刻"].contains { TextMeasure.occurs($0, in: lower) }
    }

    /// The speech right before `index`, with only notes and the like between.
    private func previousSpeech(before index: Int) -> Dialogue? {
        var at = index - 1
        while at >= 0 {
            switch scene.items[at] {
            case .element(.dialogue(let dialogue)): return dialogue
            case .element(.note), .element(.annotation), .element(.section), .element(.synopsis), .element(.pageBreak): at -= 1
            default: return nil
            }
        }
        return nil
    }

    /// A speech's spoken words, without its parentheticals.
    static func spoken(_ dialogue: Dialogue) -> String {
        dialogue.lines.compactMap { line -> String? in
            if case .text(let text, _) = line { return text.plain }
            return nil
        }.joined(separator: " ")
    }
}

/// Who is at which end of an intercut (a call cut between two places): the characters the
/// scene showed before the talk across the cut began are here, everyone else is at the
/// other end. Two speakers at different ends never share a frame.
struct IntercutEnds: Sendable {
    /// The characters at this scene's place; nil until the talk starts.
    var here: Set<String>?

    init(here: Set<String>? = nil) { self.here = here }

    /// Whether `a` and `b` talk from different ends.
    func apart(_ a: String, _ b: String) -> Bool {
        guard let here else { return false }
        return here.contains(a) != here.contains(b)
    }

    /// Whether a shot line or transition starts an intercut (`INTERCUT WITH:`, `交叉剪辑`).
    static func starts(_ text: String) -> Bool {
        let upper = text.uppercased()
        return (upper.hasPrefix("INTERCUT") || upper.hasPrefix("> INTERCUT") || upper.hasPrefix("交叉剪辑"))
    }

    /// Whether a shot line ends one.
    static func ends(_ text: String) -> Bool {
        let upper = text.uppercased()
        return upper.hasPrefix("END INTERCUT")
    }
}

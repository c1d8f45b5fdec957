import Screenplay

/// Dialogue coverage: an opening two-shot, over-the-shoulders, then singles on the speaker;
/// reaction shots where a parenthetical calls for one; a wider shot every so often in a
/// long exchange; off-screen voices over the scene; dual dialogue in one two-shot.
extension Breakdown {
    /// Parentheticals that hold the speaker silent long enough to cut to the listener.
    static let reactionParentheticals = ["beat", "pause", "a beat", "long beat", "silence", "waits", "no answer",
                                         "a moment", "停顿", "沉默", "片刻"]
    /// Parentheticals that call for a closer single.
    static let intimateParentheticals = ["whisper", "tear", "cry", "crying", "sob", "quietly", "softly", "trembl",
                                         "choked", "barely audible", "低声", "哽咽", "哭", "轻声"]

    mutating func dialogue(_ dialogue: Dialogue, partner: Dialogue?, at index: Int) {
        let speaker = CastIndex.canonical(dialogue.character)
        if run == nil { run = DialogueRun(items: scene.items, from: index) }
        if fillOpenScripted(with: units(of: dialogue.lines, speaker: speaker), characters: [speaker], speaker: speaker) {
            count(speaker)
            return
        }
        if let partner {
            dual(dialogue, partner)
            return
        }
        if DialogueRun.isOffscreen(dialogue) {
            offscreen(dialogue, speaker: speaker)
            return
        }
        if Breakdown.isGroup(speaker) {
            groupLine(dialogue, speaker: speaker)
            return
        }
        if intercut != nil, intercut?.here == nil { intercut?.here = seen }
        seen.insert(speaker)
        let single = cutsToSingle(dialogue, speaker: speaker, at: index)
        if single { tightenInterrupted(before: index, speaker: speaker) }
        if case .parenthetical(let text, _)? = dialogue.lines.first, Breakdown.isTurnPause(text) { run?.inSingles = true }
        if joinsShot(dialogue, speaker: speaker, single: single || run?.inSingles == true) { return }
        let listener = run?.listener(for: speaker)
        for (position, piece) in pieces(of: dialogue.lines, hasListener: listener != nil).enumerated() {
            if position > 0, let listener, let pause = piece.pause {
                var reaction = ShotDraft(kind: .reaction, size: .closeUp, range: pause.range)
                reaction.characters = [listener]
                reaction.units = [pause]
                add(reaction)
            }
            guard !piece.lines.isEmpty else { continue }
            var draft = speakerShot(speaker, listener: listener, lines: piece.lines,
                                    range: position == 0 ? dialogue.range : piece.lines.first!.range,
                                    single: single || run?.inSingles == true)
            if position > 0, let first = drafts.last(where: { $0.speaker == speaker && $0.kind != .reaction }) {
                draft.size = first.size == .twoShot ? .mediumCloseUp : first.size
                draft.foreground = first.foreground
                draft.characters = first.size == .twoShot ? [speaker] : first.characters
            }
            add(draft)
            count(speaker)
        }
    }

    /// Short lines are not cut to: a line of a few words stays on the picture the scene is
    /// on — the action shot of its speaker, or the two-shot of a quick exchange — and a
    /// short reply after a single opens a two-shot instead of a single of its own (no
    /// ping-pong of singles on one-word lines). An insert shows hands or a thing, not the
    /// speaker, so nothing said rides on it. Returns whether the line was placed.
    /// With `single`, the line only rides on its own speaker's action or reaction shot.
    private mutating func joinsShot(_ dialogue: Dialogue, speaker: String, single: Bool) -> Bool {
        let spoken = dialogue.lines.compactMap { line -> String? in
            if case .text(let text, _) = line { return text.plain }
            return nil
        }.joined(separator: " ")
        guard !spoken.isEmpty, TextMeasure.words(spoken) + TextMeasure.ideographs(spoken) / 2 <= DialogueRun.shortLineWords,
              !dialogue.lines.contains(where: { if case .parenthetical(let text, _) = $0 { isPause(text) } else { false } }),
              let previous = lastDraft else { return false }
        let lines = units(of: dialogue.lines, speaker: speaker)
        let manner = dialogue.lines.lazy.compactMap { line -> String? in
            if case .parenthetical(let text, _) = line { return text }
            return nil
        }.first
        // A shot the writer named (`[[shot: OTS Ben on Anna]]`) holds her short line too, unless its length is fixed.
        let named = previous.kind == .scripted && previous.duration == nil && !previous.units.isEmpty
        if previous.kind == .action || previous.kind == .reaction || named, previous.speaker == nil, previous.characters.contains(speaker),
           previous.characters.count <= 2, previous.size != .insert {
            drafts[drafts.count - 1].units += lines
            drafts[drafts.count - 1].speaker = speaker
            drafts[drafts.count - 1].manner = manner
        } else if single {
            return false
        } else if previous.kind == .dialogue || previous.kind == .action, !previous.simultaneous,
                  previous.size == .twoShot || previous.size == .mediumWide || previous.kind == .action,
                  previous.units.last?.kind == .speech, previous.characters.contains(speaker) || previous.kind == .dialogue,
                  previous.units.turns < DialogueRun.longestExchange {
            drafts[drafts.count - 1].units += lines
            if !previous.characters.contains(speaker) { drafts[drafts.count - 1].characters.append(speaker) }
        } else if previous.kind == .dialogue, let other = previous.speaker, other != speaker, !previous.simultaneous {
            var draft = ShotDraft(kind: .dialogue, size: .twoShot, range: dialogue.range)
            draft.characters = [speaker, other]
            draft.speaker = speaker
            draft.manner = manner
            draft.units = lines
            add(draft)
            count(speaker)
            return true
        } else {
            return false
        }
        // A line placed on a shot before is no cut: only who spoke last changes.
        run?.lastSpeaker = speaker
        return true
    }

    private mutating func count(_ speaker: String) {
        run?.count += 1
        run?.lastSpeaker = speaker
    }

    /// The shot on the speaker, by how far into the exchange it is.
    /// With `single`, a single of the speaker however far into the exchange.
    private func speakerShot(_ speaker: String, listener: String?, lines: [DialogueLine], range: SourceRange,
                             single: Bool) -> ShotDraft {
        let shotIndex = run?.count ?? 0
        let speakers = run?.speakers ?? [speaker]
        let others = speakers.filter { $0 != speaker }
        var draft: ShotDraft
        if single {
            draft = ShotDraft(kind: .dialogue, size: .mediumCloseUp, range: range)
            draft.characters = [speaker]
        } else if shotIndex == 0 && !others.isEmpty {
            draft = ShotDraft(kind: .dialogue, size: others.count == 1 ? .twoShot : .mediumWide, range: range)
            draft.characters = [speaker] + others
        } else if shotIndex > 0 && shotIndex % DialogueRun.reestablishEvery == 0 && !others.isEmpty {
            draft = ShotDraft(kind: .reestablishing, size: .mediumWide, range: range)
            draft.characters = [speaker] + others
        } else if shotIndex <= 2, let listener {
            draft = ShotDraft(kind: .dialogue, size: .overTheShoulder, range: range)
            draft.characters = [speaker, listener]
            draft.foreground = listener
        } else {
            draft = ShotDraft(kind: .dialogue, size: shotIndex == 0 ? .medium : .mediumCloseUp, range: range)
            draft.characters = [speaker]
        }
        draft.speaker = speaker
        draft.units = units(of: lines, speaker: speaker)
        let manners = lines.compactMap { line -> String? in
            if case .parenthetical(let text, _) = line, !isPause(text) { return text }
            return nil
        }
        draft.manner = manners.first
        let intimate = manners.contains { manner in
            Breakdown.intimateParentheticals.contains { TextMeasure.occurs($0, in: manner.lowercased()) }
        }
        if intimate && draft.kind == .dialogue && draft.size != .twoShot { draft.size = .closeUp }
        let spoken = draft.text
        if TextMeasure.words(spoken) + TextMeasure.ideographs(spoken) / 2 > 40 && draft.size.closeness >= 3 {
            draft.move = .pushIn
        }
        return draft
    }

    /// Dual dialogue: both speakers at once, in one two-shot.
    private mutating func dual(_ first: Dialogue, _ second: Dialogue) {
        let a = CastIndex.canonical(first.character)
        let b = CastIndex.canonical(second.character)
        var draft = ShotDraft(kind: .dialogue, size: .twoShot, range: SourceRange(start: first.range.start, end: second.range.end))
        draft.characters = a == b ? [a] : [a, b]
        draft.speaker = a
        draft.simultaneous = true
        draft.units = units(of: first.lines, speaker: a) + units(of: second.lines, speaker: b)
        add(draft)
        count(a)
        count(b)
    }

    /// A voice from off screen plays over the picture the scene is on.
    private mutating func offscreen(_ dialogue: Dialogue, speaker: String) {
        let previous = lastDraft
        var draft = ShotDraft(kind: .offscreenVoice, size: previous?.size ?? .wide, range: dialogue.range)
        if let previous, previous.kind != .title {
            draft.characters = previous.characters.filter { $0 != speaker }
            draft.subject = previous.subject
            draft.angle = previous.angle
            if draft.characters.isEmpty && draft.size.closeness >= 3 && draft.subject == nil { draft.size = .wide }
        } else {
            draft.size = .wide
        }
        draft.speaker = speaker
        draft.units = units(of: dialogue.lines, speaker: speaker)
        draft.manner = dialogue.lines.compactMap { line -> String? in
            if case .parenthetical(let text, _) = line { return text }
            return nil
        }.first
        add(draft)
    }

    /// The lines of a speech, cut where a pause calls for a reaction shot. The first piece
    /// has no pause; each later one starts with the parenthetical that cut it.
    private func pieces(of lines: [DialogueLine], hasListener: Bool) -> [(pause: TextUnit?, lines: [DialogueLine])] {
        var pieces: [(pause: TextUnit?, lines: [DialogueLine])] = [(nil, [])]
        for (index, line) in lines.enumerated() {
            if hasListener, case .parenthetical(let text, let range) = line, isPause(text),
               !pieces[pieces.count - 1].lines.isEmpty,
               lines[(index + 1)...].contains(where: { if case .text(let t, _) = $0 { !t.plain.isEmpty } else { false } }) {
                pieces.append((TextUnit(kind: .parenthetical, text: text, speaker: nil, range: range), []))
            } else {
                pieces[pieces.count - 1].lines.append(line)
            }
        }
        return pieces
    }

    private func isPause(_ text: String) -> Bool {
        let lower = text.lowercased().trimmingCharacters(in: ".")
        return Breakdown.reactionParentheticals.contains(lower)
    }

    /// A speech's lines as units: each spoken line split into sentences, and parentheticals.
    func units(of lines: [DialogueLine], speaker: String) -> [TextUnit] {
        lines.flatMap { line -> [TextUnit] in
            switch line {
            case .text(let text, let range):
                return Sentences.split(text.plain).map { TextUnit(kind: .speech, text: $0, speaker: speaker, range: range) }
            case .parenthetical(let text, let range):
                return [TextUnit(kind: .parenthetical, text: text, speaker: speaker, range: range)]
            }
        }
    }
}

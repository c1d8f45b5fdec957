import Screenplay

/// Stage 2 of planning: how long each shot holds, in whole frames, from TimingRules. An
/// annotation's duration always wins; otherwise speech, action, parentheticals and titles
/// add up, no shot is shorter than the minimum, and the shot that leaves on a transition
/// (or ends its scene) carries the transition's beat.
struct ShotTimer: Sendable {
    let rules: TimingRules
    let frameRate: FrameRate
    /// Spoken lines' audio lengths in milliseconds, by line start, when they time shots.
    var lineAudio: [SourceLocation: Int] = [:]

    /// The shot's duration in frames, at least one.
    func frames(of draft: ShotDraft, endsScene: Bool) -> Int {
        switch draft.duration {
        case .frames(let frames)?: return max(frames, 1)
        case .milliseconds(let milliseconds)?: return max(frameRate.frames(milliseconds: milliseconds), 1)
        case nil:
            let milliseconds = milliseconds(of: draft, endsScene: endsScene)
            // Timed from the voice, a shot rounds up, so that it holds its line and breath.
            let voiced = draft.units.contains { $0.kind == .speech && lineAudio[$0.range.start] != nil }
            let exact = milliseconds * frameRate.num, perFrame = 1000 * frameRate.den
            return max(voiced ? (exact + perFrame - 1) / perFrame : frameRate.frames(milliseconds: milliseconds), 1)
        }
    }

    /// The rule-based duration in milliseconds, beat included.
    func milliseconds(of draft: ShotDraft, endsScene: Bool) -> Int {
        let weighted = Array(zip(draft.units, weights(of: draft.units)))
        func sum(_ kind: TextUnit.Kind) -> Int { weighted.lazy.filter { $0.0.kind == kind }.reduce(0) { $0 + $1.1 } }
        let action = sum(.action) + sum(.title)
        let parentheticals = sum(.parenthetical)
        var speech = sum(.speech) + sum(.lyric)
        if draft.simultaneous {
            let speakers = Set(draft.units.compactMap(\.speaker))
            speech = speakers.map { name in
                weighted.filter { $0.0.speaker == name && ($0.0.kind == .speech || $0.0.kind == .lyric) }.reduce(0) { $0 + $1.1 }
            }.max() ?? speech
        }
        var total: Int
        switch draft.kind {
        case .establishing:
            total = max(rules.establishing, action > 0 ? rules.actionBase + action : 0)
        case .reaction:
            total = max(rules.reaction, action > 0 ? rules.actionBase + action : 0) + parentheticals
            // A reaction can end on a short line of the one reacting.
            if speech > 0 { total += rules.breath * draft.units.turns + speech }
        case .title:
            total = max(rules.title, rules.actionBase + action)
        default:
            total = parentheticals
            if action > 0 { total += rules.actionBase + action }
            if speech > 0 { total += rules.breath * draft.units.turns + speech }
        }
        total = max(total, rules.minimumShot)
        if let transition = draft.transitionOut {
            total += rules.beat(transition.style)
        } else if endsScene {
            total += rules.sceneChangeBeat
        }
        return total
    }

    /// How much of a shot's time a unit takes, relative to its other units: where the
    /// segmenter looks for sentence and line boundaries.
    func weight(of unit: TextUnit) -> Int {
        switch unit.kind {
        case .speech, .lyric: rules.speaking(unit.text)
        case .action, .title: rules.reading(unit.text)
        case .parenthetical: rules.parenthetical
        }
    }

    /// Each unit's weight, a voiced line's audio length shared among its sentences in
    /// proportion to their estimates (the shares add up to the length exactly).
    func weights(of units: [TextUnit]) -> [Int] {
        var estimates: [SourceLocation: (total: Int, count: Int)] = [:]
        for unit in units where unit.kind == .speech && lineAudio[unit.range.start] != nil {
            estimates[unit.range.start, default: (0, 0)].total += rules.speaking(unit.text)
            estimates[unit.range.start, default: (0, 0)].count += 1
        }
        var done: [SourceLocation: (estimate: Int, count: Int)] = [:]
        return units.map { unit in
            guard unit.kind == .speech, let audio = lineAudio[unit.range.start], let line = estimates[unit.range.start] else {
                return weight(of: unit)
            }
            let before = done[unit.range.start, default: (0, 0)]
            let after = (estimate: before.estimate + rules.speaking(unit.text), count: before.count + 1)
            done[unit.range.start] = after
            // By estimate where there is one, else evenly (a line of no countable words).
            func share(_ part: (estimate: Int, count: Int)) -> Int {
                line.total > 0 ? audio * part.estimate / line.total : audio * part.count / line.count
            }
            return share(after) - share(before)
        }
    }

    /// Where each voiced line starts in a shot, in milliseconds from its first frame: half a
    /// breath in, then the units in order (dual dialogue: each speaker from the start).
    func lineStarts(of draft: ShotDraft) -> [(unit: TextUnit, milliseconds: Int)] {
        var cursors: [String: Int] = [:]
        var seen: Set<SourceLocation> = []
        var starts: [(unit: TextUnit, milliseconds: Int)] = []
        var actionStarted = false
        for (unit, weight) in zip(draft.units, weights(of: draft.units)) {
            let voice = draft.simultaneous ? (unit.speaker ?? "") : ""
            var cursor = cursors[voice] ?? rules.breath / 2
            switch unit.kind {
            case .speech:
                if seen.insert(unit.range.start).inserted { starts.append((unit, cursor)) }
            case .action, .title:
                if !actionStarted { cursor += rules.actionBase }
                actionStarted = true
            case .parenthetical, .lyric:
                break
            }
            cursors[voice] = cursor + weight
        }
        return starts
    }
}

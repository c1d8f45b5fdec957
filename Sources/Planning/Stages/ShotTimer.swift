/// Stage 2 of planning: how long each shot holds, in whole frames, from TimingRules. An
/// annotation's duration always wins; otherwise speech, action, parentheticals and titles
/// add up, no shot is shorter than the minimum, and the shot that leaves on a transition
/// (or ends its scene) carries the transition's beat.
struct ShotTimer: Sendable {
    let rules: TimingRules
    let frameRate: FrameRate

    /// The shot's duration in frames, at least one.
    func frames(of draft: ShotDraft, endsScene: Bool) -> Int {
        switch draft.duration {
        case .frames(let frames)?: return max(frames, 1)
        case .milliseconds(let milliseconds)?: return max(frameRate.frames(milliseconds: milliseconds), 1)
        case nil: return max(frameRate.frames(milliseconds: milliseconds(of: draft, endsScene: endsScene)), 1)
        }
    }

    /// The rule-based duration in milliseconds, beat included.
    func milliseconds(of draft: ShotDraft, endsScene: Bool) -> Int {
        let action = sum(draft.units, .action) + sum(draft.units, .title)
        let parentheticals = sum(draft.units, .parenthetical)
        var speech = sum(draft.units, .speech) + sum(draft.units, .lyric)
        if draft.simultaneous {
            let speakers = Set(draft.units.compactMap(\.speaker))
            speech = speakers.map { name in
                draft.units.filter { $0.speaker == name && ($0.kind == .speech || $0.kind == .lyric) }.reduce(0) { $0 + weight(of: $1) }
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

    private func sum(_ units: [TextUnit], _ kind: TextUnit.Kind) -> Int {
        units.lazy.filter { $0.kind == kind }.reduce(0) { $0 + weight(of: $1) }
    }
}

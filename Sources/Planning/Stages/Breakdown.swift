import Screenplay

/// Stage 1 of planning: one scene's items → shot drafts. Sources in order of strength:
/// annotations, shot lines and forced headings, then implicit shots (action paragraphs and
/// dialogue coverage). A scene opens on an establishing shot unless the script names its
/// first shot. Works on one scene alone, so an edit elsewhere never changes its shots.
struct Breakdown {
    let scene: SceneSource
    let cast: CastIndex
    /// A transition written at the end of the previous scene (`CUT TO:`), for the first shot.
    let incomingTransition: ShotTransition?

    var drafts: [ShotDraft] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// An annotation waiting for the shot it applies to.
    private var pending: Annotation?
    /// A scene-wide style from a style-only annotation.
    private var sceneStyle: String?
    private var transitionIn: ShotTransition?
    /// A shot line or forced heading that may still take the next element as its content.
    private var openScripted: Int?
    private var needsEstablishing: Bool
    var run: DialogueRun?
    /// Who is at which end while the scene intercuts two places (`DialogueCuts`).
    var intercut: IntercutEnds?
    /// The characters the scene has shown so far: named in action, or speaking on screen.
    var seen: Set<String> = []
    /// People the scene introduces who never speak: figures when action is framed.
    let extras: Extras

    /// Whether the scene's establishing shot is preceded by an exterior of the place (`PlaceHistory`).
    let opensOnExterior: Bool

    init(scene: SceneSource, cast: CastIndex, incomingTransition: ShotTransition?, opensOnExterior: Bool = false) {
        self.scene = scene
        self.opensOnExterior = opensOnExterior
        self.cast = cast
        self.incomingTransition = incomingTransition
        self.transitionIn = incomingTransition
        self.needsEstablishing = scene.heading != nil
        self.extras = Extras(scene, cast: cast)
        if let incomingTransition, IntercutEnds.starts(incomingTransition.text) { intercut = IntercutEnds() }
    }

    /// The scene's shots, and the transition its last element hands to the next scene.
    mutating func run(timing: TimingRules) -> (drafts: [ShotDraft], outgoing: ShotTransition?) {
        var index = 0
        while index < scene.items.count {
            let scripted = openScripted
            if let run, index >= run.end { self.run = nil }
            switch scene.items[index] {
            case .shotHeading(let heading):
                addScripted(heading.text, range: heading.range)
            case .element(let element):
                switch element {
                case .annotation(let annotation):
                    receive(annotation)
                case .shot(let line):
                    shotLine(line)
                case .action(let action):
                    self.action(action, timing: timing)
                case .dialogue(let dialogue):
                    var partner: Dialogue?
                    if dialogue.dual, index + 1 < scene.items.count,
                       case .element(.dialogue(let next)) = scene.items[index + 1], next.dual {
                        partner = next
                        index += 1
                    }
                    self.dialogue(dialogue, partner: partner, at: index)
                case .transition(let transition):
                    self.transition(ShotTransition(text: transition.text))
                case .centered(let centered):
                    title(centered)
                case .lyrics(let lyrics):
                    self.lyrics(lyrics)
                case .note, .pageBreak, .section, .synopsis:
                    break
                }
            }
            if scripted != nil, openScripted == scripted, !isPassive(scene.items[index]) { openScripted = nil }
            index += 1
        }
        finishPending()
        // A transition no shot of this scene took hands over to the next scene.
        return (drafts, transitionIn)
    }

    private func isPassive(_ item: SceneItem) -> Bool {
        switch item {
        case .element(.note), .element(.section), .element(.synopsis), .element(.pageBreak), .element(.annotation): true
        default: false
        }
    }

    // MARK: - Adding drafts

    /// Appends a draft, applying a waiting annotation, the scene style and a waiting transition.
    mutating func add(_ draft: ShotDraft) {
        var draft = draft
        if needsEstablishing && opensOnExterior && draft.kind != .title && draft.kind != .scripted && pending?[.shot] == nil
            && drafts.isEmpty {
            var outside = ShotDraft(kind: .establishing, size: .extremeWide, range: scene.heading?.range ?? draft.range)
            outside.setting = .exterior
            outside.style = sceneStyle
            append(outside)
        }
        if needsEstablishing && draft.kind != .establishing && draft.kind != .title {
            needsEstablishing = false
            if draft.kind != .scripted && pending?[.shot] == nil {
                var opening = establishing(at: draft.range)
                opening.style = sceneStyle
                append(opening)
            }
        }
        if draft.kind == .establishing || draft.kind == .scripted { needsEstablishing = false }
        if draft.style == nil { draft.style = sceneStyle }
        if let annotation = pending {
            pending = nil
            apply(annotation, to: &draft)
            if annotation[.shot] != nil { needsEstablishing = false }
        }
        append(draft)
    }

    /// Appends a finished draft; the first one after a transition takes it as its way in.
    private mutating func append(_ draft: ShotDraft) {
        var draft = draft
        if let transition = transitionIn {
            draft.transitionIn = transition
            transitionIn = nil
        }
        drafts.append(draft)
    }

    /// The wide that opens a scene: extreme wide outside, wide inside.
    func establishing(at range: SourceRange) -> ShotDraft {
        let exterior = scene.heading?.setting == .exterior || scene.heading?.setting == .establishing
        var draft = ShotDraft(kind: .establishing, size: exterior ? .extremeWide : .wide, range: scene.heading?.range ?? range)
        draft.move = exterior ? .pan : .static
        return draft
    }

    /// Whether the next action should open the scene as its establishing shot.
    var opensScene: Bool { needsEstablishing && pending?[.shot] == nil }

    /// The most recent draft of the scene.
    var lastDraft: ShotDraft? { drafts.last }

    // MARK: - Annotations

    private mutating func receive(_ annotation: Annotation) {
        // A recorded take (`audio`) belongs to the next speech, not to a shot (SpokenLines).
        var annotation = annotation
        annotation[.audio] = nil
        if annotation.fields.isEmpty { return }
        let shapesShot = annotation.fields.keys.contains { $0 != .style }
        if !shapesShot, let style = annotation.text(.style) {
            sceneStyle = style
            return
        }
        if let waiting = pending {
            if definesStandaloneShot(waiting) {
                standalone(waiting)
            } else {
                diagnostics.append(Diagnostic(.warning, "annotation is followed by another annotation; the two are merged",
                                              at: waiting.range))
                pending = waiting.merging(annotation)
                return
            }
        }
        if let open = openScripted {
            var draft = drafts[open]
            apply(annotation, to: &draft)
            drafts[open] = draft
            return
        }
        pending = annotation
    }

    private func definesStandaloneShot(_ annotation: Annotation) -> Bool {
        annotation[.shot] != nil || annotation[.prompt] != nil || annotation[.duration] != nil
    }

    /// An annotation with no script element after it: a shot of its own, from its values.
    private mutating func standalone(_ annotation: Annotation) {
        pending = nil
        var draft = ShotDraft(kind: .scripted, size: .medium, range: annotation.range)
        draft.style = sceneStyle
        apply(annotation, to: &draft)
        needsEstablishing = false
        append(draft)
    }

    private mutating func finishPending() {
        guard let waiting = pending else { return }
        if definesStandaloneShot(waiting) {
            standalone(waiting)
        } else {
            pending = nil
            diagnostics.append(Diagnostic(.warning, "annotation applies to no shot: nothing follows it in the scene",
                                          at: waiting.range, note: "put it on the line before the action or dialogue it frames"))
        }
    }

    /// Lets an annotation's values override what the rules chose. Camera terms the
    /// vocabulary does not know are warnings at the value, with the nearest term.
    mutating func apply(_ annotation: Annotation, to draft: inout ShotDraft) {
        if let shot = annotation[.shot], case .text(let text) = shot.value {
            let spec = ShotSpec(text, cast: cast)
            if let size = spec.size {
                draft.size = size
            } else {
                diagnostics.append(CameraVocabularyHelp.unknown(
                    "no shot size in '\(text)'", text, at: shot.range, among: ShotSize.spellings,
                    otherwise: "the planner chooses one; " + CameraVocabularyHelp.sizes))
            }
            if !spec.characters.isEmpty { draft.characters = spec.characters }
            draft.foreground = spec.foreground ?? draft.foreground
            draft.subject = spec.subject ?? draft.subject
            draft.kind = .scripted
        }
        if let angle = annotation[.angle], case .text(let text) = angle.value {
            if let found = CameraTerms.angle(in: text) {
                draft.angle = found
            } else {
                diagnostics.append(CameraVocabularyHelp.unknown(
                    "unknown camera angle '\(text)'", text, at: angle.range, among: CameraAngle.spellings,
                    otherwise: "eye level is used; " + CameraVocabularyHelp.angles))
            }
        }
        if let move = annotation[.move], case .text(let text) = move.value {
            if let found = CameraTerms.move(named: text) {
                draft.move = found
                draft.direction = CameraTerms.direction(of: found, in: text)
            } else {
                diagnostics.append(CameraVocabularyHelp.unknown(
                    "unknown camera move '\(text)'", text, at: move.range, among: CameraMove.spellings,
                    otherwise: "the camera stays static; " + CameraVocabularyHelp.moves))
                draft.move = .static
            }
        }
        draft.lens = annotation.text(.lens) ?? draft.lens
        draft.duration = annotation.duration(.duration) ?? draft.duration
        draft.seed = annotation.integer(.seed) ?? draft.seed
        draft.style = annotation.text(.style) ?? draft.style
        draft.extraPrompt = annotation.text(.prompt) ?? draft.extraPrompt
        draft.negative = annotation.text(.negative) ?? draft.negative
        draft.takes = annotation.integer(.takes) ?? draft.takes
        draft.styles = annotation.text(.styles).map(TakeStyles.split) ?? draft.styles
    }

    // MARK: - Shot lines, forced headings, transitions, titles, lyrics

    private mutating func shotLine(_ line: ShotLine) {
        let text = line.text.plain
        if let transition = ShotLineRules.transition(in: text) {
            self.transition(transition)
            return
        }
        // `MONTAGE - …`, `SERIES OF SHOTS:`, `INTERCUT …` frame the shots that follow; each
        // of those is a shot of its own, so the marker itself adds none.
        if ShotLineRules.isSequenceMarker(text) {
            if IntercutEnds.starts(text) { intercut = IntercutEnds(here: seen) }
            if IntercutEnds.ends(text) { intercut = nil }
            return
        }
        addScripted(text, range: line.range)
    }

    /// A shot the script names by a shot line or a forced heading.
    private mutating func addScripted(_ text: String, range: SourceRange) {
        let spec = ShotSpec(text, cast: cast)
        var draft = ShotDraft(kind: .scripted, size: ShotLineRules.size(for: spec, text: text), range: range)
        draft.characters = spec.characters
        draft.foreground = spec.foreground
        draft.subject = spec.subject
        draft.move = CameraTerms.move(inAction: text) ?? .static
        draft.direction = CameraTerms.direction(of: draft.move, in: text)
        if let angle = ShotLineRules.angle(in: text) { draft.angle = angle }
        add(draft)
        openScripted = drafts.count - 1
    }

    /// A transition ends the shot before it (adding its beat there) and opens the next.
    @discardableResult
    mutating func transition(_ transition: ShotTransition) -> ShotTransition {
        if !drafts.isEmpty { drafts[drafts.count - 1].transitionOut = transition }
        transitionIn = transition
        return transition
    }

    private mutating func title(_ centered: Centered) {
        let text = centered.lines.map(\.plain).joined(separator: "\n")
        let unit = TextUnit(kind: .title, text: TextMeasure.collapsingWhitespace(text), speaker: nil, range: centered.range)
        if let open = openScripted, drafts[open].units.isEmpty {
            drafts[open].units = [unit]
            drafts[open].kind = .title
            drafts[open].size = .insert
            return
        }
        var draft = ShotDraft(kind: .title, size: .insert, range: centered.range)
        draft.units = [unit]
        add(draft)
    }

    private mutating func lyrics(_ lyrics: Lyrics) {
        let singer = run?.lastSpeaker
        let unit = TextUnit(kind: .lyric, text: TextMeasure.collapsingWhitespace(lyrics.lines.map(\.plain).joined(separator: " ")),
                            speaker: singer, range: lyrics.range)
        if let open = openScripted, drafts[open].units.isEmpty {
            drafts[open].units = [unit]
            drafts[open].speaker = singer
            return
        }
        var draft = ShotDraft(kind: .dialogue, size: .medium, range: lyrics.range)
        draft.characters = singer.map { [$0] } ?? []
        draft.speaker = singer
        draft.units = [unit]
        add(draft)
    }

    /// Gives the open scripted shot its content, when there is one still empty.
    /// `characters` is only worked out when there is such a shot.
    mutating func fillOpenScripted(with units: [TextUnit], characters: @autoclosure () -> [String], speaker: String?) -> Bool {
        guard let open = openScripted, drafts[open].units.isEmpty else { return false }
        drafts[open].units = units
        for name in characters() where !drafts[open].characters.contains(name) {
            drafts[open].characters.append(name)
        }
        drafts[open].speaker = speaker
        drafts[open].range.end = max(drafts[open].range.end, units.last?.range.end ?? drafts[open].range.end)
        let text = units.map(\.text).joined(separator: " ")
        if let move = CameraTerms.move(inAction: text) {
            drafts[open].move = move
            drafts[open].direction = CameraTerms.direction(of: move, in: text)
        }
        return true
    }

    /// Whether a waiting annotation asks for a shot.
    var hasPendingAnnotation: Bool { pending != nil }
}

/// The help notes that list the camera vocabulary in diagnostics, and the "did you mean"
/// for a term it does not know.
enum CameraVocabularyHelp {
    static let sizes = "sizes: " + ShotSize.allCases.map(\.abbreviation).joined(separator: ", ")
        + " (or their names in English or Chinese)"
    static let angles = "angles: " + CameraAngle.allCases.map { "\($0.english) \($0.chinese)" }.joined(separator: ", ")
    static let moves = "moves: " + CameraMove.allCases.map { "\($0.english) \($0.chinese)" }.joined(separator: ", ")

    /// A warning at `range`: `message`, then the nearest spelling in `table` to the value or
    /// one of its words when one is close; the note says what happens instead and lists the
    /// vocabulary.
    static func unknown<T>(_ message: String, _ value: String, at range: SourceRange, among table: [(T, [String])],
                           otherwise: String) -> Diagnostic {
        let spellings = table.flatMap(\.1)
        let words = value.split(whereSeparator: \.isWhitespace).map(String.init)
        let suggestion = ([value] + words).lazy.compactMap { word in
            SpellingSuggestion.closest(to: word, among: spellings).map { word == word.uppercased() ? $0.uppercased() : $0 }
        }.first
        return Diagnostic(.warning, message + (suggestion.map { "; did you mean '\($0)'?" } ?? ""), at: range, note: otherwise)
    }
}

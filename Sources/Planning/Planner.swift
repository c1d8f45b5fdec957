import Screenplay

/// Turns a screenplay into a `Plan`: breakdown into shots, timing in frames, segments no
/// longer than the maximum, prompts with camera language, seeds from what each shot is (`SeedHash`), not its letter.
///
/// Pure and deterministic: the same screenplay and configuration give an identical plan.
/// Each scene is planned on its own (only the character bible, the style and the prompt
/// language are shared), so an edit inside one scene leaves every other scene's shot IDs,
/// frames, prompts and seeds as they were.
public struct Planner: Sendable {
    public var configuration: PlanConfiguration
    /// A review's changes to shots, applied over the script's own (docs/review.md).
    public var revisions: ShotRevisions

    public init(configuration: PlanConfiguration = PlanConfiguration(), revisions: ShotRevisions = ShotRevisions()) {
        self.configuration = configuration
        self.revisions = revisions
    }

    /// Plans a parsed screenplay.
    public func plan(_ screenplay: Screenplay) -> PlanResult {
        let cast = CastIndex(screenplay)
        let characters = CharacterBible.build(screenplay, cast: cast)
        let language: PromptLanguage = switch configuration.promptLanguage {
        case .english: .english
        case .chinese: .chinese
        case .auto: ScriptLanguage.detect(screenplay)
        }
        let assembly = ShotAssembly(
            configuration: configuration,
            prompts: PromptBuilder(language: language, bible: Dictionary(characters.map { ($0.name, $0) }) { first, _ in first },
                                   cast: cast, properNouns: ProperNouns.words(screenplay, cast: cast),
                                   maxCharacters: configuration.maxPromptCharacters),
            defaultStyle: configuration.style ?? screenplay.titleValue("Style").map(TextMeasure.collapsingWhitespace),
            defaultStyles: configuration.styles ?? screenplay.titleValue("Styles").map(TakeStyles.split))

        var scenes: [PlanScene] = []
        var shots: [Shot] = []
        let diagnostics = breakDown(SceneGrouping.group(screenplay), cast: cast) { source, drafts in
            // `auto` decides scene by scene from the scene's own text, so a Chinese scene in an
            // English script is prompted wholly in Chinese (and the choice never looks past the scene).
            let sceneLanguage = configuration.promptLanguage == .auto ? ScriptLanguage.detect(source) ?? language : language
            let revising = ShotRevising(revisions: revisions, language: sceneLanguage)
            let sceneShots = revisions.isEmpty ? assembly.shots(drafts, in: source, language: sceneLanguage) : assembly.shots(
                drafts.enumerated().map { revising.revise($1, id: ShotLetters.id(scene: source.number, index: $0)) },
                in: source, language: sceneLanguage
            ).map(revising.finish)
            shots += sceneShots.map { TakePicking.pick(revisions.picks[$0.id], of: $0) }
            if source.heading != nil || !sceneShots.isEmpty {
                scenes.append(PlanScene(number: source.number, heading: source.heading?.text ?? "", location: source.location,
                                        setting: source.heading?.setting, timeOfDay: source.heading?.timeOfDay,
                                        range: source.range, shotIDs: sceneShots.map(\.id)))
            }
        }
        let plan = Plan(frameRate: configuration.frameRate, title: screenplay.titleValue("Title").map(TextMeasure.collapsingWhitespace),
                        promptLanguage: language, maxSegmentFrames: configuration.maxSegmentFrames, scenes: scenes,
                        characters: characters, shots: shots)
        return PlanResult(plan: plan, diagnostics: diagnostics)
    }

    /// The planner's diagnostics for `screenplay`, and whether it has a shot, without making
    /// the shots: what `check` needs when no review file revises them. The shots' timing,
    /// segments and prompts, most of a plan's cost, give no diagnostic; nor does the breakdown
    /// of a scene after the last one with an annotation (only annotations give the breakdown
    /// warnings, and a scene hands nothing to the ones before it), once a shot has been found.
    public func diagnose(_ screenplay: Screenplay) -> (diagnostics: [Diagnostic], hasShots: Bool) {
        let sources = SceneGrouping.group(screenplay)
        let lastAnnotated = sources.lastIndex { $0.items.contains(where: \.isAnnotation) } ?? -1
        var hasShots = false
        let diagnostics = breakDown(sources, cast: CastIndex(screenplay), skipping: { $0 > lastAnnotated && hasShots }) { _, drafts in
            hasShots = hasShots || !drafts.isEmpty
        }
        return (diagnostics, hasShots)
    }

    /// Breaks the scenes down one by one, numbering them, and hands `scene` each one's drafts;
    /// returns the diagnostics of the breakdown. A scene whose index `skipping` accepts is
    /// numbered but not broken down.
    private func breakDown(
        _ sources: [SceneSource], cast: CastIndex, skipping: (Int) -> Bool = { _ in false },
        scene: (SceneSource, [ShotDraft]) -> Void
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var incoming: ShotTransition?
        var usedNumbers: [String: Int] = [:]
        var places = PlaceHistory()
        for (index, var source) in sources.enumerated() {
            usedNumbers[source.number, default: 0] += 1
            if let uses = usedNumbers[source.number], uses > 1 {
                let renamed = "\(source.number)_\(uses)"
                diagnostics.append(Diagnostic(.warning, "scene number \(source.number) is used more than once; shots here are numbered \(renamed)",
                                              at: source.heading?.range ?? source.range))
                source.number = renamed
            }
            if skipping(index) { continue }
            let exterior = places.needsExterior(source.heading) && configuration.establishingExteriors
            var breakdown = Breakdown(scene: source, cast: cast, incomingTransition: incoming, opensOnExterior: exterior)
            let (drafts, outgoing) = breakdown.run(timing: configuration.timing)
            diagnostics += breakdown.diagnostics
            incoming = outgoing
            scene(source, drafts)
        }
        return diagnostics
    }
}

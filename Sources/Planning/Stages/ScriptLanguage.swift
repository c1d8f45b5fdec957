import Screenplay

/// Which language a script or a scene is written in, for `--prompt-language auto`: Chinese
/// when its action and dialogue hold at least one Chinese character for every three Latin
/// letters.
enum ScriptLanguage {
    static func detect(_ screenplay: Screenplay) -> PromptLanguage {
        decide(count(screenplay.allElements)) ?? .english
    }

    /// A scene's language from its own action and dialogue; nil when it has neither, so the
    /// script's language stands.
    static func detect(_ scene: SceneSource) -> PromptLanguage? {
        decide(count(scene.items.compactMap { item in
            if case .element(let element) = item { return element }
            return nil
        }))
    }

    private static func count(_ elements: some Sequence<Element>) -> (ideographs: Int, letters: Int) {
        var ideographs = 0
        var letters = 0
        for element in elements {
            let text: String
            switch element {
            case .action(let action): text = action.text
            case .dialogue(let dialogue): text = dialogue.spokenText + dialogue.character
            default: continue
            }
            ideographs += TextMeasure.ideographs(text)
            letters += TextMeasure.latinLetters(text)
        }
        return (ideographs, letters)
    }

    private static func decide(_ counts: (ideographs: Int, letters: Int)) -> PromptLanguage? {
        guard counts.ideographs + counts.letters > 0 else { return nil }
        return counts.ideographs > 0 && counts.ideographs * 3 >= counts.letters ? .chinese : .english
    }
}

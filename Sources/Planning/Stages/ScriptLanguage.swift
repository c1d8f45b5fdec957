import Screenplay

/// Which language a script or a scene is written in, for `--prompt-language auto`: the
/// language of its action and dialogue by `PromptLanguage.detect(in:)`.
enum ScriptLanguage {
    static func detect(_ screenplay: Screenplay) -> PromptLanguage {
        PromptLanguage.detect(in: texts(screenplay.allElements))
    }

    /// A scene's language from its own action and dialogue; nil when it has neither, so the
    /// script's language stands.
    static func detect(_ scene: SceneSource) -> PromptLanguage? {
        let texts = texts(scene.items.compactMap { item in
            if case .element(let element) = item { return element }
            return nil
        })
        return PromptLanguage.letterCounts(in: texts).total > 0 ? PromptLanguage.detect(in: texts) : nil
    }

    private static func texts(_ elements: some Sequence<Element>) -> [String] {
        elements.compactMap { element in
            switch element {
            case .action(let action): action.text
            case .dialogue(let dialogue): dialogue.spokenText + dialogue.character
            default: nil
            }
        }
    }
}

extension PromptLanguage {
    /// The language `texts` are written in: Chinese when they hold at least one Chinese
    /// character for every three Latin letters. The rule `--prompt-language auto` applies
    /// to a script and to each scene, and what tags the dialogue's subtitles whatever the
    /// prompts' language.
    public static func detect(in texts: [String]) -> PromptLanguage {
        let counts = letterCounts(in: texts)
        return counts.ideographs > 0 && counts.ideographs * 3 >= counts.letters ? .chinese : .english
    }

    /// Chinese characters and Latin letters in `texts`.
    static func letterCounts(in texts: [String]) -> (ideographs: Int, letters: Int, total: Int) {
        var ideographs = 0
        var letters = 0
        for text in texts {
            ideographs += TextMeasure.ideographs(text)
            letters += TextMeasure.latinLetters(text)
        }
        return (ideographs, letters, ideographs + letters)
    }
}

import Screenplay

/// Which language a script is written in, for `--prompt-language auto`: the language of its
/// action and dialogue by `PromptLanguage.detect(in:)`.
enum ScriptLanguage {
    static func detect(_ screenplay: Screenplay) -> PromptLanguage {
        PromptLanguage.detect(in: screenplay.allElements.compactMap { element in
            switch element {
            case .action(let action): action.text
            case .dialogue(let dialogue): dialogue.spokenText
            default: nil
            }
        })
    }
}

extension PromptLanguage {
    /// The language `texts` are written in: Chinese when they hold at least one Chinese
    /// character for every three Latin letters. The rule `--prompt-language auto` applies
    /// to a script, and what tags the dialogue's subtitles whatever the prompts' language.
    public static func detect(in texts: [String]) -> PromptLanguage {
        var ideographs = 0
        var letters = 0
        for text in texts {
            ideographs += TextMeasure.ideographs(text)
            letters += TextMeasure.latinLetters(text)
        }
        return ideographs > 0 && ideographs * 3 >= letters ? .chinese : .english
    }
}

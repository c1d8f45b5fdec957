import Screenplay

/// Which language a script is written in, for `--prompt-language auto`: Chinese when its
/// action and dialogue hold at least one Chinese character for every three Latin letters.
enum ScriptLanguage {
    static func detect(_ screenplay: Screenplay) -> PromptLanguage {
        var ideographs = 0
        var letters = 0
        for element in screenplay.allElements {
            let text: String
            switch element {
            case .action(let action): text = action.text
            case .dialogue(let dialogue): text = dialogue.spokenText
            default: continue
            }
            ideographs += TextMeasure.ideographs(text)
            letters += TextMeasure.latinLetters(text)
        }
        return ideographs > 0 && ideographs * 3 >= letters ? .chinese : .english
    }
}

/// The numbers that time shots, from GENERATORS.md. All durations are milliseconds; rates
/// are per minute so that every sum stays an exact integer.
public struct TimingRules: Hashable, Sendable, Codable {
    /// Spoken English: 150 words a minute (2.5 words a second).
    public var dialogueWordsPerMinute: Int
    /// Spoken Chinese: 240 characters a minute (4 a second).
    public var chineseCharactersPerMinute: Int
    /// A breath added to every speech: 400 ms.
    public var breath: Int
    /// Each parenthetical (`(beat)`, `(quietly)`) adds half a second.
    public var parenthetical: Int
    /// Action: 200 ms a word…
    public var actionPerWord: Int
    /// …100 ms a Chinese character (about two characters a word)…
    public var actionPerChineseCharacter: Int
    /// …plus 500 ms a shot.
    public var actionBase: Int
    /// No shot is shorter than 1.5 s unless an annotation says so.
    public var minimumShot: Int
    /// An establishing shot the planner adds: 2.5 s.
    public var establishing: Int
    /// A reaction shot: 1.5 s plus any parenthetical that called for it.
    public var reaction: Int
    /// Centered text on screen: 3 s at least.
    public var title: Int
    /// The beat a cut (`CUT TO:`) adds to the outgoing shot: 250 ms.
    public var cutBeat: Int
    /// A dissolve's beat: 1 s.
    public var dissolveBeat: Int
    /// A fade's beat: 1.5 s.
    public var fadeBeat: Int
    /// The beat at the end of a scene without a written transition: 500 ms.
    public var sceneChangeBeat: Int
    /// The longest action shot before a paragraph is split at sentences: 30 words (60
    /// Chinese characters).
    public var actionShotWords: Int

    public init(dialogueWordsPerMinute: Int = 150, chineseCharactersPerMinute: Int = 240, breath: Int = 400,
                parenthetical: Int = 500, actionPerWord: Int = 200, actionPerChineseCharacter: Int = 100,
                actionBase: Int = 500, minimumShot: Int = 1500, establishing: Int = 2500, reaction: Int = 1500,
                title: Int = 3000, cutBeat: Int = 250, dissolveBeat: Int = 1000, fadeBeat: Int = 1500,
                sceneChangeBeat: Int = 500, actionShotWords: Int = 30) {
        self.dialogueWordsPerMinute = dialogueWordsPerMinute
        self.chineseCharactersPerMinute = chineseCharactersPerMinute
        self.breath = breath
        self.parenthetical = parenthetical
        self.actionPerWord = actionPerWord
        self.actionPerChineseCharacter = actionPerChineseCharacter
        self.actionBase = actionBase
        self.minimumShot = minimumShot
        self.establishing = establishing
        self.reaction = reaction
        self.title = title
        self.cutBeat = cutBeat
        self.dissolveBeat = dissolveBeat
        self.fadeBeat = fadeBeat
        self.sceneChangeBeat = sceneChangeBeat
        self.actionShotWords = actionShotWords
    }

    /// How long it takes to say `text`: English words at the dialogue rate plus Chinese
    /// characters at theirs, without the breath.
    public func speaking(_ text: String) -> Int {
        let ideographs = TextMeasure.ideographs(text)
        let words = TextMeasure.words(text)
        return words * 60_000 / dialogueWordsPerMinute + ideographs * 60_000 / chineseCharactersPerMinute
    }

    /// How long action `text` holds the screen, without the per-shot base.
    public func reading(_ text: String) -> Int {
        TextMeasure.words(text) * actionPerWord + TextMeasure.ideographs(text) * actionPerChineseCharacter
    }

    /// The beat a transition adds to the shot it leaves.
    public func beat(_ style: TransitionStyle) -> Int {
        switch style {
        case .cut: cutBeat
        case .dissolve: dissolveBeat
        case .fade: fadeBeat
        }
    }
}

import Screenplay

/// A line of dialogue to be heard: what a scratch voice speaks, or a recorded take replaces.
/// One per spoken line of a speech (the text between parentheticals), in script order.
public struct SpokenLine: Hashable, Sendable, Codable {
    /// Where a voice comes from.
    public enum Placement: String, Hashable, Sendable, Codable {
        /// The speaker is in the scene.
        case onScreen
        /// Voice-over (`V.O.`, `旁白`, `画外音`): narration or thought, not in the room.
        case voiceOver
        /// Off screen (`O.S.`, `O.C.`, `OFF`, `PRELAP`): in the scene, out of the frame.
        case offScreen
    }

    /// The speaker's canonical cue name.
    public var speaker: String
    /// The words.
    public var text: String
    /// The parenthetical it is said under (`whispering`), if any.
    public var delivery: String?
    public var placement: Placement
    /// Whether the words are Chinese (spoken by the Mandarin voice).
    public var isChinese: Bool
    /// A recorded take replacing this line's scratch voice (`[[audio: …]]` before the speech).
    public var recording: AudioReference?
    /// Whether the line is silent because a recorded take of its speech stands on an earlier line.
    public var isCoveredByRecording: Bool
    /// The line's text in the script: `range.start` is its key in `LineAudio`.
    public var range: SourceRange
}

/// Each spoken line's audio length, for the planner: shots are timed from the voice
/// (`--timing voice`) or still estimated (`--timing estimate`), and either way each shot
/// records where its lines play.
public struct LineAudio: Hashable, Sendable, Codable {
    /// Audio lengths in milliseconds, by the start of the line (`SpokenLine.range.start`).
    public var milliseconds: [SourceLocation: Int]
    /// Whether these lengths time the shots.
    public var timesShots: Bool

    public init(milliseconds: [SourceLocation: Int], timesShots: Bool) {
        self.milliseconds = milliseconds
        self.timesShots = timesShots
    }
}

/// Where a spoken line plays inside its shot, as the plan records it.
public struct LineTiming: Hashable, Sendable, Codable {
    /// Who speaks it (canonical cue name).
    public var speaker: String
    /// Frames from the shot's first frame to the line's first sound.
    public var offset: Int
    /// The line's audio length in milliseconds, when known.
    public var milliseconds: Int?
    /// The line in the script (its key: `range.start`).
    public var range: SourceRange

    public init(speaker: String, offset: Int, milliseconds: Int?, range: SourceRange) {
        self.speaker = speaker
        self.offset = offset
        self.milliseconds = milliseconds
        self.range = range
    }
}

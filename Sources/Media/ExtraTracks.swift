/// A subtitle shown from `startFrame` up to, not including, `endFrame`.
public struct SubtitleCue: Sendable, Hashable, Codable {
    /// The first frame showing the text.
    public var startFrame: Int
    /// The first frame no longer showing it.
    public var endFrame: Int
    /// The text, exactly as shown (line breaks allowed; nothing is interpreted).
    public var text: String

    /// A cue showing `text` on frames `startFrame..<endFrame`.
    public init(startFrame: Int, endFrame: Int, text: String) {
        self.startFrame = startFrame
        self.endFrame = endFrame
        self.text = text
    }
}

/// A chapter mark: a title starting at a frame; it runs to the next chapter or the end.
public struct Chapter: Sendable, Hashable, Codable {
    /// The chapter's title.
    public var title: String
    /// The chapter's first frame.
    public var startFrame: Int

    /// A chapter called `title` starting at `startFrame`.
    public init(title: String, startFrame: Int) {
        self.title = title
        self.startFrame = startFrame
    }
}

/// The tracks `TrackMuxer` adds to a video: nothing here is burned into pixels.
public struct ExtraTracks: Sendable, Hashable, Codable {
    /// Cues for a `mov_text` subtitle track, in order and not overlapping; none, no track.
    public var subtitles: [SubtitleCue]
    /// The ISO 639-2 language of the subtitle track.
    public var subtitleLanguage: String
    /// The timecode of the first frame, written as a `tmcd` track; nil, no track.
    public var timecode: Timecode?
    /// Chapter marks, in strictly increasing frame order.
    public var chapters: [Chapter]

    /// The given tracks; by default none.
    public init(
        subtitles: [SubtitleCue] = [], subtitleLanguage: String = "und", timecode: Timecode? = nil,
        chapters: [Chapter] = []
    ) {
        self.subtitles = subtitles
        self.subtitleLanguage = subtitleLanguage
        self.timecode = timecode
        self.chapters = chapters
    }

    /// Throws `MediaError.invalidArgument` for cues out of order, overlapping, empty or too
    /// long for a `mov_text` sample, and for chapters out of order or past `frameCount`.
    func validate(frameCount: Int) throws(MediaError) {
        var previousEnd = 0
        for cue in subtitles {
            guard cue.startFrame >= previousEnd, cue.endFrame > cue.startFrame else {
                throw .invalidArgument(
                    "subtitle cue \(cue.startFrame)–\(cue.endFrame) is empty, out of order or overlaps the one before")
            }
            guard cue.text.utf8.count <= Int(UInt16.max) else {
                throw .invalidArgument("subtitle cue at frame \(cue.startFrame) is longer than 65535 bytes")
            }
            previousEnd = cue.endFrame
        }
        var previousStart = -1
        for chapter in chapters {
            guard chapter.startFrame > previousStart, chapter.startFrame < frameCount else {
                throw .invalidArgument(
                    "chapter \"\(chapter.title)\" at frame \(chapter.startFrame) is out of order "
                        + "or past the end (\(frameCount) frames)")
            }
            previousStart = chapter.startFrame
        }
    }
}

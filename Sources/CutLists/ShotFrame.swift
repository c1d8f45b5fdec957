import Planning

/// The frame that stands for a shot in the storyboard page and the contact sheet: the
/// middle frame of the shot's first segment, where its camera move shows best.
public struct ShotFrame: Hashable, Sendable {
    /// The shot's ID (`12A`).
    public var shotID: ShotID
    /// The clip (segment) the frame is in: its name (`12A-1`) and media file.
    public var clip: TimelineClip
    /// The frame's number within the clip's media, from zero.
    public var frame: Int
    /// The record timecode of the shot's first frame (`01:00:12:03`; `;` at 29.97).
    public var recordIn: String

    /// `12A  01:00:12:03`: the contact sheet's caption (ASCII for any script, since shot
    /// IDs are scene numbers and letters).
    public var caption: String { "\(shotID)  \(recordIn)" }
}

extension Timeline {
    /// The clips grouped by shot, in order.
    public var clipsByShot: [[TimelineClip]] {
        var groups: [[TimelineClip]] = []
        for clip in clips {
            if let last = groups.last?.last, last.shot.id == clip.shot.id {
                groups[groups.count - 1].append(clip)
            } else {
                groups.append([clip])
            }
        }
        return groups
    }

    /// One frame per shot, in order.
    public var shotFrames: [ShotFrame] {
        clipsByShot.map { clips in
            let first = clips[0]
            return ShotFrame(
                shotID: first.shot.id, clip: first, frame: first.frames / 2, recordIn: recordTimecode(first.recordIn))
        }
    }
}

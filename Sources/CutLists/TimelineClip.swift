import Foundation
import Planning

/// One placement on the timeline: a segment's clip, its place in record frames and the part
/// of its media file it plays.
public struct TimelineClip: Hashable, Sendable {
    /// The clip name: the segment ID (`12A-1`).
    public var name: SegmentID
    /// The CMX reel: up to 8 of `A–Z 0–9`, unique on the timeline.
    public var reel: String
    /// The segment's media file.
    public var media: URL
    /// The first timeline frame (from zero, before the record start is added).
    public var recordIn: Int
    /// One past the last timeline frame.
    public var recordOut: Int
    /// The first frame of the media file played (the clip plays its whole file: zero).
    public var sourceIn: Int
    /// One past the last frame of the media file played.
    public var sourceOut: Int
    /// How the clip comes in, when the script asks for more than a cut.
    public var transitionIn: TimelineTransition?
    /// A fade to black over the clip's last frames, when the script asks for one.
    public var fadeOut: Int?
    /// The shot the clip belongs to.
    public var shot: Shot
    /// The segment the clip plays.
    public var segment: Segment
    /// The segment's stretch of the soundtrack (`12A-1.wav` beside its clip), when the
    /// film has sound: an audio clip at the same record frames.
    public var audioMedia: URL? = nil

    /// The duration in frames.
    public var frames: Int { recordOut - recordIn }
}

/// How a clip comes in: dissolving from the clip before it, or fading in from black.
public struct TimelineTransition: Hashable, Sendable {
    /// What the clip comes in from.
    public enum Kind: String, Hashable, Sendable {
        /// A cross-dissolve from the previous clip, starting at the cut: the picture of the
        /// incoming clip starts where the video's does, and the outgoing clip's media is
        /// read for `frames` frames past its out point.
        case dissolve
        /// A fade from black over the clip's first frames; needs no other media.
        case fadeFromBlack
    }

    public var kind: Kind
    /// The length in frames.
    public var frames: Int
    /// The script's transition as written (`DISSOLVE TO:`).
    public var text: String
}

/// A point marker on the timeline: the start of a scene.
public struct TimelineMarker: Hashable, Sendable {
    /// The timeline frame (from zero) the marker is on.
    public var frame: Int
    /// `Scene 12`.
    public var name: String
    /// The scene heading as written.
    public var comment: String
    /// The scene number.
    public var scene: String
}

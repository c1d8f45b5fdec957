import Planning

/// The edit every cut list is written from: one clip per segment, back to back in plan
/// order, in integer frames at the plan's rate. The video the build joins has the same
/// frames in the same places, so record frame `recordStart + clip.recordIn` is where the
/// clip's first frame is in the video.
public struct Timeline: Hashable, Sendable {
    /// The sequence name: the script's title, or the name given.
    public var title: String
    public var frameRate: FrameRate
    /// The record timecode of the first frame, as a frame number (01:00:00:00 unless asked).
    public var recordStart: Int
    /// The picture size of the media, in pixels.
    public var width: Int
    public var height: Int
    /// The placements, in order, without gaps.
    public var clips: [TimelineClip]
    /// A marker at the first frame of each scene, in order.
    public var markers: [TimelineMarker]
    /// Characters' names as people read them (`Brick`), by canonical cue name (`BRICK`).
    public var displayNames: [String: String]

    /// Lays out a plan: each segment's clip from `media`, one after another from
    /// `recordStart` (a frame number; nil for 01:00:00:00), with the script's dissolves and
    /// fades as transitions of at most one second and at most half of either clip.
    /// With `audio`, each clip also has an audio clip: its media's WAV sibling.
    public init(plan: Plan, media: MediaLocator, title: String, recordStart: Int? = nil,
                width: Int = 1280, height: Int = 720, audio: Bool = false) {
        self.title = plan.title ?? title
        self.frameRate = plan.frameRate
        self.recordStart = recordStart ?? plan.frameRate.programmeStart
        self.width = width
        self.height = height
        self.displayNames = Dictionary(plan.characters.map { ($0.name, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        let placed = plan.shots.flatMap { shot in shot.segments.map { (shot, $0) } }
        let reels = Reels.names(placed.map(\.1.id))
        var clips: [TimelineClip] = []
        var start = 0
        for ((shot, segment), reel) in zip(placed, reels) {
            clips.append(TimelineClip(
                name: segment.id, reel: reel, media: media.url(segment), recordIn: start, recordOut: start + segment.frames,
                sourceIn: 0, sourceOut: segment.frames, transitionIn: nil, fadeOut: nil, shot: shot, segment: segment,
                audioMedia: audio ? media.url(segment).deletingPathExtension().appendingPathExtension("wav") : nil))
            start += segment.frames
        }
        Self.applyTransitions(&clips, second: plan.frameRate.timecodeBase)
        self.clips = clips
        let firstClip = Dictionary(clips.map { ($0.shot.scene, $0.recordIn) }, uniquingKeysWith: min)
        self.markers = plan.scenes.compactMap { scene in
            firstClip[scene.number].map {
                TimelineMarker(frame: $0, name: "Scene \(scene.number)", comment: scene.heading, scene: scene.number)
            }
        }.sorted { $0.frame < $1.frame }
    }

    /// Whether the clips carry audio.
    public var hasAudio: Bool { clips.contains { $0.audioMedia != nil } }

    /// The running time in frames.
    public var totalFrames: Int { clips.last?.recordOut ?? 0 }

    /// A character's name as people read it, or the cue name when the plan has no profile.
    public func displayName(_ name: String) -> String {
        displayNames[name] ?? name
    }

    /// The record timecode of a timeline frame (counted from zero).
    public func recordTimecode(_ frame: Int) -> String {
        frameRate.timecode(frame: recordStart + frame)
    }

    /// Sets the transitions a shot's `transitionIn`/`transitionOut` ask for on its first and
    /// last segments: a dissolve from the clip before, a fade from black where there is none
    /// (or it fades out, or the script says fade), and a fade to black at a fade out.
    private static func applyTransitions(_ clips: inout [TimelineClip], second: Int) {
        for index in clips.indices {
            let clip = clips[index]
            let isFirstOfShot = index == 0 || clips[index - 1].shot.id != clip.shot.id
            let isLastOfShot = index == clips.count - 1 || clips[index + 1].shot.id != clip.shot.id
            if isFirstOfShot, let transition = clip.shot.transitionIn, transition.style != .cut {
                let hasPrevious = index > 0 && clips[index - 1].fadeOut == nil
                if transition.style == .dissolve && hasPrevious {
                    let frames = min(second, clip.frames / 2, clips[index - 1].frames / 2)
                    if frames > 0 { clips[index].transitionIn = TimelineTransition(kind: .dissolve, frames: frames, text: transition.text) }
                } else {
                    let frames = min(second, clip.frames / 2)
                    if frames > 0 { clips[index].transitionIn = TimelineTransition(kind: .fadeFromBlack, frames: frames, text: transition.text) }
                }
            }
            if isLastOfShot, let transition = clip.shot.transitionOut,
               transition.style == .fade || (transition.style == .dissolve && index == clips.count - 1) {
                let frames = min(second, clip.frames / 2)
                if frames > 0 { clips[index].fadeOut = frames }
            }
        }
    }
}

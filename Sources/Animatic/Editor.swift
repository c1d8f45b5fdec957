import Foundation
import Media
import Planning

/// The editor's tracks: what is not in the segments' pixels — the dialogue as a subtitle
/// track, a timecode track from 01:00:00:00 and a chapter per scene (the join and tracks
/// steps, `VideoSteps`, lay the segments end to end and add these).
enum Editor {
    /// The subtitle cues, timecode and chapters of `plan` laid out as `items`.
    static func tracks(for plan: Plan, items: [BuildPlan.Item]) -> ExtraTracks {
        var cues: [SubtitleCue] = []
        for item in items {
            guard let dialogue = item.request.content.card.dialogue, !dialogue.isEmpty else { continue }
            let end = item.startFrame + item.frames
            if var last = cues.last, last.text == dialogue, last.endFrame == item.startFrame {
                last.endFrame = end
                cues[cues.count - 1] = last
            } else {
                cues.append(SubtitleCue(startFrame: item.startFrame, endFrame: end, text: dialogue))
            }
        }
        let shotStarts = Dictionary(
            zip(plan.shots.map(\.id), plan.startFrames).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        var chapters: [Chapter] = []
        for scene in plan.scenes {
            guard let first = scene.shotIDs.first, let start = shotStarts[first] else { continue }
            let previousStart = chapters.last?.startFrame ?? -1
            guard previousStart < start, start < plan.totalFrames else { continue }
            chapters.append(Chapter(title: scene.heading.isEmpty ? "Opening" : scene.heading, startFrame: start))
        }
        return ExtraTracks(
            // The dialogue's own language: a Chinese script planned with English prompts still speaks Chinese.
            subtitles: cues, subtitleLanguage: PromptLanguage.detect(in: cues.map(\.text)) == .chinese ? "chi" : "eng",
            timecode: Timecode(hours: 1, minutes: 0, seconds: 0, frames: 0, dropFrame: plan.frameRate.isDropFrame),
            chapters: chapters)
    }
}

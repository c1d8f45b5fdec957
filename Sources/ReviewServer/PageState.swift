import Animatic
import CutLists
import Foundation
import Planning

/// What the review page shows, as the JSON its script draws from (`GET /api/state`): the
/// last build's plan (`film.plan.json`, the one the video and `film.media/` were made
/// from), each shot's takes with their files and quality control from `film.report.json`,
/// and the review file as it is now — picks, statuses, notes.
struct PageState: Encodable {
    /// The film's title.
    var title: String
    /// The video's file name, to ask `/files/` for; nil before the first build.
    var video: String?
    /// Changes with every build, so the page asks for the new files.
    var version: String
    var frameRate: Rate
    /// The record timecode of the first frame, as a frame number (01:00:00:00).
    var recordStart: Int
    var shots: [ShotState]
    /// The review file as the page saves to it.
    var reviewFile: String
    /// Its errors: a hand edit to finish before a save can land.
    var reviewErrors: [String]

    struct Rate: Encodable {
        var num: Int
        var den: Int
        var dropFrame: Bool
        var timecodeBase: Int
    }

    struct ShotState: Encodable {
        var id: ShotID
        var scene: String
        var heading: String
        var startFrame: Int
        var frames: Int
        var recordIn: String
        var camera: Camera
        var text: String
        /// The take on the timeline of the last build.
        var built: Int
        /// The review file's pick; nil when it picks none (the page then marks no take picked).
        var pick: Int?
        var status: String?
        var notes: [Note]
        /// The revised fields (`size`, `prompt_add`, …): the review changed the shot.
        var revised: [String]
        var takes: [TakeState]
    }

    struct Camera: Encodable {
        var term: String
        var size: String
        var move: String
        var angle: String
    }

    struct Note: Encodable {
        var text: String
        var by: String?
        var at: String?
        var applied: Bool
    }

    struct TakeState: Encodable {
        var number: Int
        var style: String?
        var segments: [SegmentState]
    }

    struct SegmentState: Encodable {
        var id: SegmentID
        /// The clip's path under the output's folder: `film.media/2C-1.take2.mp4`.
        var file: String
        var prompt: String
        /// `passed` or `failed`, when the build ran quality control.
        var qc: String?
        var qcWhy: String?
    }

    /// The page's state for the build at `output` (nil plan: not built yet) and `review`.
    init(plan: Plan?, report: BuildReport?, output: URL, review: ReviewFile?, reviewDisplayPath: String) {
        title = plan?.title ?? output.deletingPathExtension().lastPathComponent
        let rate = plan?.frameRate ?? .film
        frameRate = Rate(num: rate.num, den: rate.den, dropFrame: rate.isDropFrame, timecodeBase: rate.timecodeBase)
        recordStart = rate.programmeStart
        video = plan == nil ? nil : output.lastPathComponent
        version = report?.video?.sha256.prefix(16).description ?? "none"
        reviewFile = reviewDisplayPath
        reviewErrors = review?.diagnostics.filter { $0.severity == .error }.map { $0.formatted(path: reviewDisplayPath) } ?? []
        guard let plan else {
            shots = []
            return
        }
        let entries = Dictionary((review?.review.entries ?? []).map { ($0.shotID, $0) }) { first, _ in first }
        let qc = Dictionary(((report?.segments ?? []) + (report?.takes ?? [])).compactMap { segment in
            segment.qc.map { (segment.id, $0) }
        }) { first, _ in first }
        let media = output.deletingPathExtension().appendingPathExtension("media").lastPathComponent
        let headings = Dictionary(plan.scenes.map { ($0.number, $0.heading) }) { first, _ in first }
        // The plan JSON keeps the takes as planned; quality control may have put another on
        // the timeline, which the report says.
        let chosenByQC = Dictionary((report?.takeRankings ?? []).map { ($0.shot, $0.onTimeline) }) { first, _ in first }
        shots = zip(plan.shots, plan.startFrames).map { shot, start in
            let entry = entries[shot.id]
            let inVideo = chosenByQC[shot.id] ?? shot.takeOnTimeline
            let takes = shot.allTakes
            return ShotState(
                id: shot.id, scene: shot.scene, heading: headings[shot.scene] ?? "", startFrame: start, frames: shot.frames,
                recordIn: rate.timecode(frame: rate.programmeStart + start),
                camera: Camera(
                    term: shot.segments.first?.card.cameraTerm ?? "", size: shot.size.english, move: shot.move.english,
                    angle: shot.angle.english),
                text: shot.text, built: inVideo, pick: entry?.pick, status: entry?.status?.rawValue,
                notes: (entry?.notes ?? []).map { Note(text: $0.text, by: $0.by, at: $0.at, applied: $0.applied) },
                revised: (shot.revised ?? []).map(\.field),
                takes: takes.map { take in
                    TakeState(number: take.number, style: take.style, segments: take.segments.map { segment in
                        let record = qc[segment.id]
                        return SegmentState(
                            id: segment.id, file: media + "/" + PortableFileName.clip(segment.id), prompt: segment.prompt,
                            qc: record?.verdict, qcWhy: record?.why)
                    })
                })
        }
    }
}

import CutLists
import Foundation
import Generation
import Media
import Planning

/// Everything `animatic build` is told: where the outputs and the cache go, the house
/// format, the planner's configuration, how many clips to generate at once and what to
/// do when one cannot be made.
public struct BuildSettings: Sendable {
    /// The video to write; the plan, report and media directory go beside it.
    public var output: URL
    /// The clip cache's directory.
    public var cacheDirectory: URL
    /// The frame size of every clip and of the video.
    public var size: FrameSize
    /// The planner's configuration (its frame rate is the timeline's).
    public var planConfiguration: PlanConfiguration
    /// How many segments to generate at once (at least 1).
    public var jobs: Int
    /// Where to write a make dependency file, if anywhere.
    public var depfile: URL?
    /// The video's path as the user wrote it: the depfile's target, the report's `output`.
    public var outputName: String
    /// The cut lists to write beside the video (all of them by default).
    public var cutLists: [CutListFormat]
    /// The EDL's reel and path conventions.
    public var edlFlavor: EDLFlavor
    /// Whether a segment that fails is replaced by a failure card of the same length and
    /// the build goes on to write every output (`--keep-going`); when false, the first
    /// failure stops the build once the running segments finish, and no video is written.
    public var keepGoing: Bool
    /// The project file the settings came from, as the user would name it: a depfile
    /// prerequisite, so that changing it rebuilds.
    public var projectFile: String?
    /// The integrated loudness the soundtrack is normalised to, in LUFS (`--loudness`).
    public var loudness: Double = -23
    /// The review file the plan's revisions came from (docs/review.md), as the user would
    /// name it: a depfile prerequisite too.
    public var reviewFile: String?
    /// Each reviewed shot's status and notes, by shot ID, for the storyboard page to show.
    public var reviewMarks: [String: ShotReviewMarks] = [:]
    /// What quality control does with a failing clip (`--qc`); nil for the backend's default
    /// (`QCPolicy.defaultFor(backend:)`).
    public var qcPolicy: QCPolicy?
    /// The limits a clip must keep to pass quality control (`qc:` in the project file).
    public var qcThresholds = QCThresholds()
    /// How many times a failing clip is made again with the next seed (`qc.retakes`).
    public var qcRetakes = 2
    /// Which segments are made as drafts and which as finals (`--quality`); nil for a build
    /// without qualities.
    public var quality: QualityChoice?

    /// Settings as given.
    public init(
        output: URL, cacheDirectory: URL, size: FrameSize = FrameSize(width: 1280, height: 720),
        planConfiguration: PlanConfiguration = PlanConfiguration(), jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        depfile: URL? = nil, outputName: String? = nil, cutLists: [CutListFormat] = CutListFormat.allCases,
        edlFlavor: EDLFlavor = .resolve, keepGoing: Bool = false
    ) {
        self.output = output
        self.cacheDirectory = cacheDirectory
        self.size = size
        self.planConfiguration = planConfiguration
        self.jobs = max(1, jobs)
        self.depfile = depfile
        self.outputName = outputName ?? output.path
        self.cutLists = cutLists
        self.edlFlavor = edlFlavor
        self.keepGoing = keepGoing
    }

    /// The house format: `size` at the plan's frame rate.
    public var format: HouseFormat {
        let rate = planConfiguration.frameRate
        return HouseFormat(width: size.width, height: size.height, frameRate: Rational(Int32(rate.num), Int32(rate.den)))
    }

    /// The output's name without its extension: `film` for `film.mp4`.
    private var baseURL: URL { output.deletingPathExtension() }
    /// `film.plan.json` beside the video.
    public var planURL: URL { baseURL.appendingPathExtension("plan.json") }
    /// `film.report.json` beside the video.
    public var reportURL: URL { Self.reportURL(forVideo: output) }
    /// The report of the build of `video`: `film.report.json` beside `film.mp4`.
    public static func reportURL(forVideo video: URL) -> URL {
        video.deletingPathExtension().appendingPathExtension("report.json")
    }
    /// `film.media/` beside the video: one clip per segment, named by segment ID.
    public var mediaDirectory: URL { baseURL.appendingPathExtension("media") }
    /// A cut list beside the video: `film.edl`, `film.storyboard.html`, … (the contact
    /// sheet's pages: `ContactSheetExport.urls`).
    public func cutListURL(_ format: CutListFormat) -> URL { baseURL.appendingPathExtension(format.fileExtension) }

    /// The default video for a script: `film.mp4` beside `film.fountain`.
    public static func defaultOutput(for script: URL) -> URL {
        script.deletingPathExtension().appendingPathExtension("mp4")
    }

    /// The default cache: `.animatic-cache/` beside the script, or in the current directory
    /// for a script from standard input (nil).
    public static func defaultCache(for script: URL?) -> URL {
        let directory = script?.deletingLastPathComponent() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return directory.appendingPathComponent(".animatic-cache", isDirectory: true)
    }
}

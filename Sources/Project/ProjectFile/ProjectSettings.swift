import CutLists
import Foundation
import SettingValues
import Compliance
import Planning

/// The settings a project file holds: one optional value per setting, nil where the file
/// is silent. A command-line flag wins over a value here, and a value here over the default.
/// Paths are absolute, resolved against the project file's directory.
public struct ProjectSettings: Sendable, Equatable {
    /// `size`: the frame size.
    public var size: FrameSize?
    /// `fps`: the timeline's frame rate.
    public var frameRate: FrameRate?
    /// `jobs`: segments generated at once.
    public var jobs: Int?
    /// `cache_dir`: the clip cache.
    public var cacheDirectory: URL?
    /// `cutlists`: the cut lists `build` writes (empty for none).
    public var cutLists: [CutListFormat]?
    /// `edl_flavor`: the EDL's conventions.
    public var edlFlavor: EDLFlavor?
    /// `keep_going`: put a failure card in place of a segment that fails and finish.
    public var keepGoing: Bool?
    /// `style`: a style for every shot.
    public var style: String?
    /// `music`: a temp track under every film (a script's title-page `Music:` wins).
    public var music: URL?
    /// `voices`: a scratch voice per character (canonical cue name) instead of the derived one.
    public var voices: [String: VoiceChoice]?
    /// `takes`: takes of every shot.
    public var takes: Int?
    /// `styles`: one take per style for every shot.
    public var styles: [String]?
    /// `seed`: mixed into every shot's seed.
    public var seed: Int?
    /// `negative`: the negative prompt for every shot.
    public var negative: String?
    /// `max_segment`: the longest generation segment, in seconds.
    public var maxSegment: Double?
    /// `prompt_language`: en, zh or auto.
    public var promptLanguage: PromptLanguageChoice?
    /// `dialogue_wpm`: English dialogue's speaking rate, in words a minute.
    public var dialogueWordsPerMinute: Int?
    /// `chinese_cpm`: Chinese dialogue's speaking rate, in characters a minute.
    public var chineseCharactersPerMinute: Int?
    /// `min_shot`: the shortest shot, in seconds.
    public var minimumShot: Double?
    /// `establishing_exteriors`: open the first interior at a new place on its exterior.
    public var establishingExteriors: Bool?
    /// `qc.policy`: what quality control does with a failing clip.
    public var qcPolicy: QCPolicy?
    /// `qc.retakes`: how many times a failing clip is made again.
    public var qcRetakes: Int?
    /// `qc.black`, `qc.frozen`, `qc.cut`, `qc.flicker`, `qc.blur`, `qc.min_length`: the
    /// quality-control thresholds (`QCThresholds`).
    public var qcBlack: Double?
    public var qcFrozen: Double?
    public var qcCut: Double?
    public var qcFlicker: Double?
    public var qcBlur: Double?
    public var qcMinLength: Double?
    /// `compliance.names`: more real people's names, one a line (`name<TAB>description`).
    public var complianceNames: URL?
    /// `compliance.brands`: brands and trademarks, one a line.
    public var complianceBrands: URL?
    /// `compliance.policy.<category>`: each category's policy where set (the rest take the
    /// backend's default).
    public var compliancePolicies: [ComplianceCategory: CompliancePolicy] = [:]
    /// `backend.kind`: the generator.
    public var backend: BackendKind?
    /// `backend.patience`: how long, in seconds, a segment waits out a throttling service.
    public var patience: Double?
    /// `backend.max_download`: the largest video a remote backend downloads, in bytes.
    public var maxDownload: Int?
    /// `backend.command.template`: the command backend's program and arguments.
    public var commandTemplate: CommandTemplate?
    /// `backend.dashscope.url`: DashScope's regional endpoint.
    public var dashScopeURL: URL?
    /// `backend.dashscope.region`: the region whose endpoint to use when no URL is given.
    public var dashScopeRegion: DashScopeRegion?
    /// `backend.dashscope.model`: the DashScope model.
    public var dashScopeModel: String?
    /// `backend.comfyui.urls`: the ComfyUI servers.
    public var comfyUIURLs: [URL]?
    /// `backend.comfyui.workflow`: the API-format workflow file.
    public var comfyUIWorkflow: URL?
    /// `backend.worker.command`: the hot worker program and its arguments.
    public var workerCommand: WorkerCommand?
    /// `backend.worker.workers`: how many workers run.
    public var workers: Int?
    /// `backend.worker.gpus`: one worker per GPU, each seeing only its own.
    public var workerGPUs: [String]?

    /// `--quality`: build drafts, or finals of the shots a review approved or picked; nil
    /// to build without qualities (the `quality` sections unused).
    public var quality: QualityLevel?
    /// `quality.draft`: the backend's settings for drafts.
    public var qualityDraft = QualityOverrides()
    /// `quality.final`: the backend's settings for finals.
    public var qualityFinal = QualityOverrides()

    /// `cost.currency`: the prices' currency.
    public var costCurrency: String?
    /// `cost.prices`: price per billed second by model (or `model@resolution`), replacing
    /// the DashScope defaults.
    public var prices: [String: Double]?
    /// `cost.gpu_seconds_per_second`: GPU seconds per second of video for local backends.
    public var gpuSecondsPerSecond: Double?
    /// `cost.max`, `--max-cost`: the highest estimated price a build may start with.
    public var maxCost: Double?

    /// Settings with nothing set.
    public init() {}
}

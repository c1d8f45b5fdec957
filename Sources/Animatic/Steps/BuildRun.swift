import CutLists
import Foundation
import Planning
import Generation
import Media

/// One build's steps as they run: the context they were planned from, and what the jobs
/// learn as they go (which segments failed, the cards standing in, the video's record),
/// which later jobs read. Jobs run on other tasks, so the state is behind a lock.
final class BuildRun: @unchecked Sendable {
    let context: BuildContext
    /// The backend's places, shared by the generate steps and the QC steps' retakes, so
    /// that retakes keep to the backend's limit too.
    let slots: ConcurrencyLimiter
    /// How much of its segment each backend clip covered, noted by conform for QC.
    let coverages = ClipNotes<Double>()
    /// QC's measures of each clip made, taken from its frames as they were encoded (by the
    /// conform step, or by a backend that draws its frames), so that QC decodes no clip it
    /// saw made.
    let measures = ClipNotes<ClipMeasures>()
    /// When the run started.
    let started = Date()

    /// What the run has learnt so far.
    struct State {
        var outcome = Builder.GenerationOutcome()
        /// The failure card standing in for each failed timeline segment: its cache key, by segment ID.
        var cards: [SegmentID: ClipKey] = [:]
        /// The video's record after its step, and whether the step wrote it.
        var video: VideoRecord?
        var videoWritten = false
        /// The soundtrack, mixed once for the video and the media.
        var soundtrack: AudioTrack??
        /// Quality control's notes for the storyboard, taken from the report once the clips are final.
        var qcNotes: QCNotes?
        /// The files each cut list format wrote, and what its steps made rather than found.
        var cutListFiles: [CutListFormat: [URL]] = [:]
        var thumbnailsGrabbed = 0
        /// Thumbnail, sheet page and cut list steps that finished their work.
        var cutListStepsDone = 0
        var pagesDrawn = 0
        /// Each sheet page's entry in the cache, by page index, once its draw step has run.
        var sheetPages: [Int: URL] = [:]
        /// When the first sheet page or cut list step started.
        var cutListsStarted: Date?
        /// The report the build ends with.
        var report: BuildReport?
        /// The takes the outputs use, and whether quality control has placed them after generation.
        var placement: TakePlacement
        var takesPlaced = false
    }

    private let lock = NSLock()
    private var state: State

    init(context: BuildContext, backendLimit: Int, settings: BuildSettings) {
        self.context = context
        slots = ConcurrencyLimiter(limit: backendLimit)
        state = State(placement: TakePlacement(
            plan: context.plan, buildPlan: context.buildPlan, settings: settings, withAudio: context.voicing != nil))
    }

    /// The takes the outputs use (`Builder.placeTakes`).
    var placement: TakePlacement { update { $0.placement } }

    /// Reads or changes the state.
    func update<T>(_ body: (inout State) throws -> T) rethrows -> T {
        try lock.withLock { try body(&state) }
    }

    /// The cache key of the clip the outputs use for `item`: its failure card's, if one stands in.
    func usedKey(_ item: BuildPlan.Item) -> ClipKey {
        update { $0.cards[item.segmentID] } ?? item.key
    }

    /// The soundtrack of the build's voicing, mixed on first use; nil without sound.
    func soundtrack(_ builder: Builder) -> AudioTrack? {
        update { state in
            if let track = state.soundtrack { return track }
            let track = context.voicing.map {
                Soundtrack.track(
                    for: state.placement.plan, voicing: $0, loudness: builder.settings.loudness, cache: context.cache.directory)
            }
            state.soundtrack = .some(track)
            return track
        }
    }

    /// Quality control's notes for the cut lists, from the report as it stands when the first
    /// cut list step asks (the cut lists wait for the video, so every clip is final by then).
    func qcNotes(_ builder: Builder) -> QCNotes {
        if let notes = update({ $0.qcNotes }) { return notes }
        let notes = Builder.qcNotes(builder.makeReport(self))
        update { $0.qcNotes = notes }
        return notes
    }

    /// Notes that a sheet page or cut list step started.
    func cutListStepStarted() {
        update { state in if state.cutListsStarted == nil { state.cutListsStarted = Date() } }
    }
}

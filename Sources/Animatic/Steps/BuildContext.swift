import Foundation
import Generation
import Media
import Planning

/// What one build (or dry run) of a plan is decided from: the plan, the segments and their
/// cache state (`BuildPlan`), the previous build's report, and the digest of everything the
/// video is made from. Made the same way for `--dry-run` and for the build, so that the
/// steps the dry run lists are the steps the build runs.
struct BuildContext: Sendable {
    /// The plan, with the take of each shot that quality control puts on the timeline
    /// when that is known before generation.
    var plan: Plan
    /// The script, as the user named it.
    var scriptPath: String
    /// The script's voiced lines, when the video has sound.
    var voicing: Voicing?
    var cache: ClipCache
    var buildPlan: BuildPlan
    var previous: BuildReport?
    /// `film.plan.json`'s bytes.
    var planJSON: Data
    /// `Builder.inputsDigest` of this build.
    var digest: String
    /// For a backend driven by audio (`{audio}`): the mix before loudness normalisation,
    /// each segment's stretch of which it gets, so that an edit elsewhere does not change its sound.
    var drivingMix: AudioMix?
    /// Whether every clip's content was checked against its digest before planning (the
    /// clips feed a new video or `film.media/`), so thumbnails need not check them again.
    var clipsVerified: Bool

    /// The context of a build of `plan` by `builder` now. With `verifying` (a real build),
    /// reused clips about to feed a new video or `film.media/` are checked against their
    /// digests first, and a corrupt one is generated again; a dry run only reads.
    /// - Throws: `AnimaticError` when a request or the plan cannot be encoded, or the sound cannot be mixed.
    init(_ builder: Builder, plan: Plan, scriptPath: String, voicing: Voicing?, verifying: Bool) throws {
        let settings = builder.settings
        self.plan = plan
        self.scriptPath = scriptPath
        self.voicing = voicing
        cache = builder.cache
        // The plan JSON and the inputs digest are the plan's own; quality control may then
        // put another take of a shot on the timeline (decided here only when every clip is
        // cached, else after generation: `Builder.placeTakes(_:)`). The JSON is encoded
        // while the segments are keyed: each takes a feature's edit a tenth of a second.
        let reportURL = settings.reportURL
        let ((previous, sound), planJSON) = try sideBySide {
            let previous = BuildReport.read(reportURL)
            return (previous, try builder.soundBuildPlan(for: plan, voicing: voicing, previous: previous))
        } and: {
            try Builder.planJSON(plan)
        }
        self.previous = previous
        drivingMix = sound.drivingMix
        buildPlan = sound.buildPlan
        self.planJSON = planJSON
        digest = builder.inputsDigest(
            planJSON: planJSON, items: buildPlan.items,
            sound: voicing.map { Soundtrack.digestText($0, loudness: settings.loudness) })
        (self.plan, buildPlan) = builder.qcPlacingTakes(plan, buildPlan)
        let videoCurrent = builder.currentVideo(previous: previous, digest: digest) != nil
        clipsVerified = verifying && !builder.mediaIsUpToDate(
            videoIsUpToDate: buildPlan.toGenerate.isEmpty && videoCurrent, buildPlan: buildPlan, previous: previous)
        if clipsVerified { buildPlan = buildPlan.verifyingReused(in: cache) }
    }

    /// The segment items of the timeline and then the takes beside it.
    var allItems: [BuildPlan.Item] { buildPlan.items + buildPlan.takeItems }
}

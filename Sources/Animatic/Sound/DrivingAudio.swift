import Generation
import Media
import Planning

extension Builder {
    /// What a build of `plan` would generate and reuse, with each segment's sound in its key
    /// when the backend is driven by audio (`{audio}`), and the mix that sound is cut from.
    ///
    /// The build and the dry run both decide through here, so that `--dry-run` names the
    /// same keys (and says "up to date" or "content changed") as the build it stands for.
    /// The mix is taken before loudness normalisation: an edit elsewhere in the film,
    /// which moves the film's loudness, does not change a segment's sound.
    func soundBuildPlan(
        for plan: Plan, voicing: Voicing?, previous: BuildReport?
    ) throws(AnimaticError) -> (buildPlan: BuildPlan, drivingMix: AudioMix?) {
        let drivingMix = generator.capabilities.drivingAudio ? voicing.map { Soundtrack.mix(for: plan, voicing: $0) } : nil
        let buildPlan = try BuildPlan.make(
            plan: plan, settings: settings, generator: generator, cache: cache, previous: previous,
            audioKey: { start, frames in
                drivingMix.map { mix in
                    Soundtrack.key(of: Soundtrack.samples(start, plan)..<Soundtrack.samples(start + frames, plan), in: mix)
                }
            })
        return (buildPlan, drivingMix)
    }
}

import Screenplay

/// The planning stage that applies a review's revisions (`ShotRevisions`) over the shots
/// the script plans: camera, duration, seed and style go into the draft before it is timed
/// and prompted, so a revised shot is timed, cut and carded like any other; the prompt's
/// removals and the negative prompt's addition go over the assembled segments. A shot
/// without a revision is left exactly as the script plans it.
struct ShotRevising: Sendable {
    let revisions: ShotRevisions
    let language: PromptLanguage

    /// `draft`, the shot `id`, with its revision's camera, duration, seed, style and prompt addition.
    func revise(_ draft: ShotDraft, id: ShotID) -> ShotDraft {
        guard let revision = revisions.byShot[id] else { return draft }
        var draft = draft
        if let size = revision.size { draft.size = size.value }
        if let move = revision.move { draft.move = move.value }
        if let angle = revision.angle { draft.angle = angle.value }
        if let duration = revision.duration { draft.duration = duration.value }
        if let seed = revision.seed { draft.seed = seed.value }
        if let style = revision.style { draft.style = style.value }
        if let add = revision.promptAdd {
            // Each part of a prompt is a sentence of its own.
            draft.extraPrompt = PromptText.join([draft.extraPrompt ?? "", add.value.capitalisedFirst], language: language)
        }
        return draft
    }

    /// `shot` with its revision's prompt removals and negative addition in every segment,
    /// and the fields revised marked.
    func finish(_ shot: Shot) -> Shot {
        guard let revision = revisions.byShot[shot.id] else { return shot }
        var shot = shot
        shot.segments = shot.segments.map { revise($0, by: revision) }
        shot.otherTakes = shot.otherTakes?.map { take in
            var take = take
            take.segments = take.segments.map { revise($0, by: revision) }
            return take
        }
        shot.revised = revision.marks
        return shot
    }

    private func revise(_ segment: Segment, by revision: ShotRevision) -> Segment {
        var segment = segment
        if let remove = revision.promptRemove {
            segment.prompt = PromptRevision.removing(remove.value, from: segment.prompt)
        }
        if let add = revision.negativeAdd {
            segment.negativePrompt = PromptRevision.adding(
                add.value, to: segment.negativePrompt, limit: ShotAssembly.maxNegativeCharacters, language: language)
        }
        return segment
    }
}

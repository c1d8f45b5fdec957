/// What `animatic plan` prints under its table when a review revised shots or picked
/// takes: a line per revised shot with each field and the review-file line and column it
/// comes from, and the picks.
public enum RevisionListing {
    /// `revised by film.review.yaml:` and `  2B  size 7:11, prompt_add 5:17`, then
    /// `picked: 2C take 2, 3A take 3`; nothing when no shot is revised or picked.
    public static func render(_ plan: Plan, reviewFile: String?) -> String {
        let picks = plan.shots.compactMap { shot in shot.picked.map { "\(shot.id) take \($0)" } }
        return revisions(plan, reviewFile: reviewFile) + (picks.isEmpty ? "" : "picked: " + picks.joined(separator: ", ") + "\n")
    }

    private static func revisions(_ plan: Plan, reviewFile: String?) -> String {
        let revised = plan.shots.compactMap { shot in shot.revised.map { (shot.id.rawValue, $0) } }
        guard !revised.isEmpty else { return "" }
        let width = revised.map { ShotListTable.width($0.0) }.max() ?? 0
        var out = "revised by \(reviewFile ?? "the review file"):\n"
        for (id, fields) in revised {
            out += "  " + id + String(repeating: " ", count: width - ShotListTable.width(id)) + "  "
                + fields.map { "\($0.field) \($0.line):\($0.column)" }.joined(separator: ", ") + "\n"
        }
        return out
    }
}

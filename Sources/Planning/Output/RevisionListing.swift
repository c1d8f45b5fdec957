/// What `animatic plan` prints under its table when a review revised shots: a line per
/// revised shot with each field and the review-file line and column it comes from.
public enum RevisionListing {
    /// `revised by film.review.yaml:` and `  2B  size 7:11, prompt_add 5:17`, or nothing
    /// when no shot is revised.
    public static func render(_ plan: Plan, reviewFile: String?) -> String {
        let revised = plan.shots.compactMap { shot in shot.revised.map { (shot.id, $0) } }
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

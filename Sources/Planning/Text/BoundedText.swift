/// Texts cut to a total length, at a cost that depends on the length kept, not on the
/// texts: a segment of a long shot reads only as much of its shot's text as it can use.
/// A 200 KB action paragraph with no sentence end is one text unit that every one of its
/// hundreds of segments holds; reading all of it for each made planning quadratic.
enum BoundedText {
    /// `texts`, in order, cut so that their characters add up to at most `limit`: whole
    /// while they fit, the first that does not cut to what is left, the rest dropped.
    static func prefixes(_ texts: some Sequence<String>, limit: Int) -> (texts: [String], cut: Bool) {
        var kept: [String] = []
        var left = limit
        for text in texts {
            guard left > 0 else { return (kept, true) }
            // `prefix` walks at most `left` characters of a text of any length.
            let piece = text.prefix(left)
            let count = piece.count
            kept.append(piece.endIndex == text.endIndex ? text : String(piece))
            if piece.endIndex != text.endIndex { return (kept, true) }
            left -= count
        }
        return (kept, false)
    }
}

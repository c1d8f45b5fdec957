/// CMX reel names for a timeline's clips: up to 8 of `A–Z 0–9`, unique per clip, derived
/// from the segment ID (`12A-1` → `12A1`, `3B.C-2` → `3BC2`).
import Planning

enum Reels {
    /// Reels that editing systems treat specially and a clip must not take.
    static let reserved: Set<String> = ["BL", "BLACK", "AX"]

    /// One reel per segment ID, in order. An ID whose letters and digits are longer than
    /// 8, or that collides with an earlier one or a reserved name, takes `R` and its
    /// 1-based position (`R0012`) instead, or the first such name still free.
    static func names(_ segmentIDs: [SegmentID]) -> [String] {
        var taken = reserved
        return segmentIDs.enumerated().map { index, id in
            let derived = String(id.rawValue.uppercased().unicodeScalars.filter { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
                .map(Character.init))
            var reel = derived
            var number = index + 1
            while reel.isEmpty || reel.count > 8 || taken.contains(reel) {
                let digits = String(number)
                reel = "R" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
                number += segmentIDs.count
            }
            taken.insert(reel)
            return reel
        }
    }
}

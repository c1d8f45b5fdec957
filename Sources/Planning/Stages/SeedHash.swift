/// Seeds from what a shot is, not where it stands: FNV-1a (64-bit) of the global seed, the
/// scene's number (the script's `#n#` or its ordinal among headings, which no edit inside
/// another scene moves) and the shot's own content (its first segment's prompt: what the
/// backend is asked to draw), reduced to the range every backend accepts (0…2147483647).
///
/// Not the shot's ID: inserting a shot earlier in a scene moves the later shots' letters,
/// and a seed from the letter would change their requests, which a paid backend bills
/// again for the same picture. Shots of one scene with the same content are told apart by
/// `occurrence`, their count before it in the scene. The same inputs always give the same
/// seed, on every platform.
enum SeedHash {
    static let maximum = 2_147_483_647

    static func seed(scene: String, content: String, occurrence: Int, globalSeed: Int) -> Int {
        hash("\(globalSeed)/\(scene)/\(occurrence)/\(content)")
    }

    /// FNV-1a (64-bit) of `text`'s UTF-8, reduced to 0…`maximum`.
    static func hash(_ text: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(maximum + 1))
    }
}

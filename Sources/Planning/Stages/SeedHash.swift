/// Seeds from shot identity: FNV-1a (64-bit) of the global seed and the shot ID, reduced to
/// the range every backend accepts (0…2147483647). The same shot ID and `--seed` always
/// give the same seed, on every platform.
enum SeedHash {
    static let maximum = 2_147_483_647

    static func seed(shotID: String, globalSeed: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(globalSeed)/\(shotID)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(maximum + 1))
    }
}

/// Byte counts as messages write them.
public enum ByteCount {
    /// `2 GiB`, `8 MiB`, `1536 KiB` when whole in that binary unit, else `12345 bytes`.
    public static func text(_ bytes: Int) -> String {
        for (shift, unit) in [(40, "TiB"), (30, "GiB"), (20, "MiB"), (10, "KiB")]
        where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
            return "\(bytes >> shift) \(unit)"
        }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}

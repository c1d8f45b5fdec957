/// File names made from IDs the script chose (a scene number becomes part of every shot and
/// segment ID), safe on every file system a film travels to: a build names each segment's
/// clip with one (`film.media/12A-1.mp4`) and every cut list points at that file, while the
/// plan and the cut lists' clip names keep the script's own ID.
///
/// The name of an ID of upper-case letters, digits, `.` and `-` (`12A-1`, `12A.B-2`) is the
/// ID itself. Any other byte of its UTF-8 is written `_XX` in upper-case hex (`1a` →
/// `1_61`, `_` → `_5F`), and so is a leading `.` or `-` (no hidden file, no name a program
/// takes for an option) and the first letter of a Windows device name (`CON`, `PRN`, `AUX`,
/// `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`, whatever follows a dot). Lower-case letters are
/// escaped so that two IDs differing only in case (`1a`, `1A`) never name the same file on
/// a case-insensitive file system, which also keeps every name clear of the lower-case
/// `.partial-` pattern of temporary files. A name that would pass 100 bytes keeps its first
/// 78 bytes and ends in `__` and a 64-bit hash of the whole ID: `__` appears in no other
/// name, so a shortened name never equals a whole one.
public enum PortableFileName {
    /// The longest file name made, in bytes, its extension included.
    public static let maximumBytes = 100

    /// The file name of a segment's clip: `12A-1.mp4`; a later take's, `12A-1.take2.mp4`.
    public static func clip(_ segmentID: SegmentID) -> String {
        // A take's suffix (`Take.segmentID`) is kept as written: a stem holds no lower-case
        // letter, so the suffix cannot make one clip's name equal another's.
        let (base, take) = takeSuffix(segmentID.rawValue)
        return stem(base, room: maximumBytes - ".mp4".utf8.count - take.utf8.count) + take + ".mp4"
    }

    /// `12A-1.take2` → (`12A-1`, `.take2`); an ID without a take suffix and an empty one.
    private static func takeSuffix(_ segmentID: String) -> (String, String) {
        guard let dot = segmentID.lastIndex(of: "."), segmentID[dot...].hasPrefix(".take") else { return (segmentID, "") }
        let number = segmentID[dot...].dropFirst(".take".count)
        guard !number.isEmpty, number.utf8.count <= 3, number.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return (segmentID, "")
        }
        return (String(segmentID[..<dot]), String(segmentID[dot...]))
    }

    /// The name for `id` without an extension, at most `room` bytes (at least 96 left for
    /// the hash form).
    static func stem(_ id: String, room: Int) -> String {
        var name = ""
        for (index, byte) in id.utf8.enumerated() {
            let plain = isPlain(byte) && !(index == 0 && (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")))
            name += plain ? String(UnicodeScalar(byte)) : escape(byte)
        }
        if isDeviceName(name) { name = escape(name.utf8.first ?? 0) + name.dropFirst() }
        if name.isEmpty { return "_" }
        guard name.utf8.count > room else { return name }
        return String(name.prefix(room - 18)) + "__" + hash(id)
    }

    /// `A`–`Z`, `0`–`9`, `.` and `-`: the bytes every file system keeps as they are.
    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."),
            UInt8(ascii: "-"):
            true
        default: false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF")

    private static func escape(_ byte: UInt8) -> String {
        "_" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 0xF)])
    }

    /// Whether Windows reserves `name` for a device: its part before the first dot is one of
    /// the device names (compared without case, as Windows does).
    private static func isDeviceName(_ name: String) -> Bool {
        let base = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        switch base.uppercased() {
        case "CON", "PRN", "AUX", "NUL": return true
        case let other where other.count == 4 && (other.hasPrefix("COM") || other.hasPrefix("LPT")):
            return other.last.map { $0 >= "1" && $0 <= "9" } ?? false
        default: return false
        }
    }

    /// FNV-1a (64-bit) of `id`'s UTF-8, as 16 upper-case hex digits.
    private static func hash(_ id: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}

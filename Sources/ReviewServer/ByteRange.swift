/// A `Range: bytes=…` request header's one range, as a video element sends it to seek
/// (`bytes=0-`, `bytes=1000-1999`, `bytes=-500`). Several ranges in one header are not
/// read: the whole file is served instead, which HTTP allows.
struct ByteRange: Equatable {
    /// The first byte and one past the last, within the file.
    var lower: Int
    var upper: Int

    /// The range `header` asks of a file of `size` bytes; nil when it asks for none
    /// (no header, or one not read); `.unsatisfiable` when it starts past the end.
    static func parse(_ header: String?, size: Int) -> Result<ByteRange, Unsatisfiable>? {
        guard let header, header.hasPrefix("bytes="), !header.contains(",") else { return nil }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        let ends = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard ends.count == 2 else { return nil }
        let first = Int(ends[0]), last = Int(ends[1])
        switch (ends[0].isEmpty, ends[1].isEmpty) {
        case (true, false):
            guard let last, last > 0 else { return nil }
            guard size > 0 else { return .failure(Unsatisfiable()) }
            return .success(ByteRange(lower: max(0, size - last), upper: size))
        case (false, _):
            guard let first, first >= 0 else { return nil }
            guard first < size else { return .failure(Unsatisfiable()) }
            let end = ends[1].isEmpty ? size - 1 : (last.map { min($0, size - 1) } ?? -1)
            guard end >= first else { return nil }
            return .success(ByteRange(lower: first, upper: end + 1))
        default:
            return nil
        }
    }

    /// A range that starts past the file's end: 416.
    struct Unsatisfiable: Error {}
}

import Foundation

/// Turns off the "enabled" flag of an MP4's subtitle tracks, which players read as "show by
/// default" (ffprobe's `default` disposition). FFmpeg's MP4 muxer enables the first track
/// of each kind whatever its disposition says, so a lone subtitle track would always be
/// shown; over storyboard cards that already draw the dialogue it would show twice. The
/// flag is one bit in each track header: it is cleared in place, nothing else moves.
enum MP4TrackEnabling {
    /// Clears the enabled flag of every track whose handler is `sbtl` (MP4 timed text) in
    /// the file at `path`.
    /// - Throws: `MediaError.fileSystem` when the file cannot be read or written or has no `moov`.
    static func disableSubtitles(at path: String) throws(MediaError) {
        func failure(_ message: String) -> MediaError {
            .fileSystem(operation: "set the subtitle track's flags in", path: path, errno: 0, message: message)
        }
        do {
            guard let file = FileHandle(forUpdatingAtPath: path) else { throw failure("cannot open it") }
            defer { try? file.close() }
            let length = try file.seekToEnd()
            var offset: UInt64 = 0
            var movie: (start: UInt64, size: UInt64)?
            while offset + 8 <= length, movie == nil {
                try file.seek(toOffset: offset)
                guard let (size, type, _) = header(Data(file.readData(ofLength: 16)), fileRemaining: length - offset)
                else { break }
                if type == "moov" { movie = (offset, size) }
                offset += size
            }
            guard let movie else { throw failure("it has no movie header") }
            try file.seek(toOffset: movie.start)
            let moov = [UInt8](file.readData(ofLength: Int(movie.size)))
            for flags in subtitleTrackFlagOffsets(in: moov) where moov[flags] & 1 != 0 {
                try file.seek(toOffset: movie.start + UInt64(flags))
                try file.write(contentsOf: [moov[flags] & ~1])
            }
        } catch let error as MediaError {
            throw error
        } catch {
            throw failure("\(error)")
        }
    }

    /// The offsets in `moov` (a whole `moov` box) of the flag byte holding "enabled" in each
    /// `sbtl` track's `tkhd`.
    static func subtitleTrackFlagOffsets(in moov: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        for track in children(of: moov, box: 0..<moov.count) where track.type == "trak" {
            let parts = children(of: moov, box: track.range)
            guard let trackHeader = parts.first(where: { $0.type == "tkhd" }),
                  let media = parts.first(where: { $0.type == "mdia" }),
                  let handler = children(of: moov, box: media.range).first(where: { $0.type == "hdlr" }),
                  handler.range.count >= handler.headerSize + 12, trackHeader.range.count >= trackHeader.headerSize + 4
            else { continue }
            // A full box: version (1 byte), flags (3 bytes, "enabled" the lowest bit); then in
            // `hdlr` four reserved bytes before the handler type.
            let type = moov[(handler.range.lowerBound + handler.headerSize + 8)..<(handler.range.lowerBound + handler.headerSize + 12)]
            if String(decoding: type, as: UTF8.self) == "sbtl" {
                offsets.append(trackHeader.range.lowerBound + trackHeader.headerSize + 3)
            }
        }
        return offsets
    }

    private struct Box {
        var type: String
        var range: Range<Int>
        var headerSize: Int
    }

    /// The boxes inside the box at `box` in `bytes` (after its own header).
    private static func children(of bytes: [UInt8], box: Range<Int>) -> [Box] {
        guard let (_, _, ownHeader) = header(Data(bytes[box.lowerBound..<min(box.upperBound, box.lowerBound + 16)]),
                                                  fileRemaining: UInt64(box.count))
        else { return [] }
        var boxes: [Box] = []
        var offset = box.lowerBound + ownHeader
        while offset + 8 <= box.upperBound {
            let slice = Data(bytes[offset..<min(box.upperBound, offset + 16)])
            guard let (size, type, headerSize) = header(slice, fileRemaining: UInt64(box.upperBound - offset)) else { break }
            boxes.append(Box(type: type, range: offset..<(offset + Int(size)), headerSize: headerSize))
            offset += Int(size)
        }
        return boxes
    }

    /// A box header at the start of `bytes`: its size (a 64-bit size when the 32-bit one is
    /// 1, the rest of the file when 0), type and header length; nil when it does not fit.
    private static func header(_ bytes: Data, fileRemaining: UInt64) -> (UInt64, String, Int)? {
        let raw = [UInt8](bytes)
        guard raw.count >= 8 else { return nil }
        func integer(_ range: Range<Int>) -> UInt64 { raw[range].reduce(0) { $0 << 8 | UInt64($1) } }
        var size = integer(0..<4)
        var headerSize = 8
        if size == 1 {
            guard raw.count >= 16 else { return nil }
            size = integer(8..<16)
            headerSize = 16
        } else if size == 0 {
            size = fileRemaining
        }
        guard size >= UInt64(headerSize), size <= fileRemaining else { return nil }
        return (size, String(decoding: raw[4..<8], as: UTF8.self), headerSize)
    }
}

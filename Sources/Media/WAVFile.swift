import Foundation

/// 16-bit PCM WAV at 48 kHz: the spoken lines in the cache and the per-segment audio in
/// `film.media/`. Written atomically; read back only from files this module wrote.
public enum WAVFile {
    /// Writes `samples` (interleaved, `channels` of them, -1…1, clipped) to `url` atomically.
    public static func write(_ samples: [Float], channels: Int, to url: URL) throws {
        try write(bytes(samples, channels: channels), to: url)
    }

    /// The bytes of the WAV `write` makes of `samples`.
    private static func bytes(_ samples: [Float], channels: Int) -> Data {
        // One pass into a 16-bit buffer, then one append, rather than an append per sample.
        bytes(pcm: samples.map(pcm), channels: channels)
    }

    /// Writes the bytes of a WAV (`bytes`) to `url` atomically.
    public static func write(_ bytes: Data, to url: URL) throws {
        try writeAtomically(to: url) { path in try bytes.write(to: URL(fileURLWithPath: path)) }
    }

    /// Writes 16-bit `pcm` samples (interleaved, `channels` of them) to `url` atomically.
    static func write(pcm: [Int16], channels: Int, to url: URL) throws {
        try write(bytes(pcm: pcm, channels: channels), to: url)
    }

    private static func bytes(pcm: [Int16], channels: Int) -> Data {
        var data = header(samples: pcm.count, channels: channels)
        pcm.withUnsafeBytes { data.append(contentsOf: $0) }
        return data
    }

    /// The 44-byte header of a 16-bit PCM WAV of `samples` values (all channels) at 48 kHz.
    static func header(samples: Int, channels: Int) -> Data {
        var data = Data(capacity: 44 + samples * 2)
        let rate = MonoAudio.sampleRate
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("RIFF".utf8))
        append(UInt32(36 + samples * 2))
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        append(UInt32(16))
        append(UInt16(1))  // PCM
        append(UInt16(channels))
        append(UInt32(rate))
        append(UInt32(rate * channels * 2))
        append(UInt16(channels * 2))
        append(UInt16(16))
        data.append(contentsOf: Array("data".utf8))
        append(UInt32(samples * 2))
        return data
    }

    /// The 16-bit value of `sample`, clipped to full scale.
    static func pcm(_ sample: Float) -> Int16 {
        Int16(max(-32768, min(32767, (sample * 32768).rounded())))
    }

    /// The mono samples of a WAV this module wrote.
    /// - Throws: `MediaError.invalidArgument` when it is not 16-bit mono PCM at 48 kHz.
    public static func readMono(_ url: URL) throws -> MonoAudio {
        let data = try Data(contentsOf: url)
        guard data.count >= 44, data.prefix(4) == Data("RIFF".utf8), data[data.startIndex + 22] == 1,
              data[data.startIndex + 34] == 16, data.subdata(in: 36..<40) == Data("data".utf8)
        else { throw MediaError.invalidArgument("\(url.path) is not a 16-bit mono WAV") }
        let count = (data.count - 44) / 2
        var pcm = [Int16](repeating: 0, count: count)
        pcm.withUnsafeMutableBytes { target in
            data.withUnsafeBytes { source in target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[44..<(44 + count * 2)])) }
        }
        return MonoAudio(samples: pcm.map { Float(Int16(littleEndian: $0)) / 32768 })
    }

    /// The samples `range` of a mono WAV this module wrote (the part of it inside the file),
    /// read without loading the rest: a music bed is read a stretch at a time.
    public static func readMono(_ url: URL, range: Range<Int>) throws -> [Float] {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(44 + 2 * max(range.lowerBound, 0)))
        let data = try handle.read(upToCount: 2 * range.count) ?? Data()
        return data.withUnsafeBytes { bytes in
            (0..<(data.count / 2)).map { Float(Int16(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * $0, as: Int16.self))) / 32768 }
        }
    }

    /// The number of samples (per channel) in a mono WAV this module wrote, from its size
    /// alone; nil when there is no such file.
    public static func monoSampleCount(_ url: URL) -> Int? {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size >= 44
        else { return nil }
        return (size - 44) / 2
    }
}

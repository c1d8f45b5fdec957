import CFFmpeg
import CFFmpegShims
import Foundation

/// The soundtrack `TrackMuxer` lays beside the video: a mix, the gain that brings it to its
/// loudness, and where its segments start, which is where it is cut into AAC chunks
/// (`AACChunkPlan`) that are encoded once and kept as files.
public struct AudioTrack: Sendable {
    /// What to play.
    public var mix: AudioMix
    /// Decibels applied to the whole mix (the loudness normalisation).
    public var gain: Double
    /// Where each segment starts, in samples, in order.
    public var segmentStarts: [Int]
    /// The file that holds the packets of the chunk a key text describes (the caller's
    /// cache: the text names the samples, the gain and the encoder).
    public var chunkFile: @Sendable (String) -> URL

    /// `mix` at `gain` dB, cut at `segmentStarts`, its chunks kept where `chunkFile` says.
    public init(mix: AudioMix, gain: Double, segmentStarts: [Int], chunkFile: @escaping @Sendable (String) -> URL) {
        self.mix = mix
        self.gain = gain
        self.segmentStarts = segmentStarts
        self.chunkFile = chunkFile
    }

    /// The chunks and the files that hold them.
    public func chunks() -> [(chunk: AACChunkPlan.Chunk, file: URL)] {
        let header = "aac chunk 1 \(AACEncoder.description) gain \(gain)\n"
        return AACChunkPlan(mix: mix, segmentStarts: segmentStarts).chunks.map { chunk in
            (chunk, chunkFile(header + mix.contents(of: chunk.window)))
        }
    }

    /// `encodeMissingChunks()` on a thread of its own; cancelling the awaiting task stops it.
    @discardableResult
    public func encodeMissingChunks() async throws -> Int {
        try await runOnOwnThread { try self.encodeMissingChunks() }
    }

    /// Encodes every chunk whose file is missing, two at a time, and returns how many it
    /// encoded (an unchanged soundtrack encodes none; an edit, the chunks it touched).
    @discardableResult
    public func encodeMissingChunks() throws -> Int {
        beginOperation()
        var seen = Set<URL>()
        let missing = chunks().filter { !FileManager.default.fileExists(atPath: $0.file.path) && seen.insert($0.file).inserted }
        let failures = FailureBox()
        let next = Counter()
        // The workers stop when the awaiting task is cancelled (`runOnOwnThread`'s flag).
        let cancellation = CancellationFlag.current
        DispatchQueue.concurrentPerform(iterations: min(2, max(missing.count, 1))) { _ in
            while let index = next.take(below: missing.count), failures.first == nil {
                if cancellation?.isCancelled == true {
                    failures.record(CancellationError())
                    return
                }
                do {
                    let (chunk, file) = missing[index]
                    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                    let packets = try AACEncoder.encode(mix, window: chunk.window, gain: gain)
                    try AACPacketFile.write(packets, to: file)
                } catch {
                    failures.record(error)
                }
            }
        }
        if let error = failures.first { throw error }
        return missing.count
    }
}

/// Hands out indexes to workers.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            value += 1
            return value - 1
        }
    }
}

/// The first error of concurrent workers.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?
    var first: (any Error)? { lock.withLock { error } }
    func record(_ error: any Error) { lock.withLock { if self.error == nil { self.error = error } } }
}

/// Lays an `AudioTrack` into an MP4 being written from its chunks' cached packets, a stretch
/// at a time so that its packets interleave with the video's. The first packet is the
/// encoder's priming (the MP4's edit list skips it, so the audio starts at 0) and the last
/// is cut to the mix's length, so the track is exactly as long as the video.
final class AACTrackWriter {
    let stream: UnsafeMutablePointer<AVStream>
    private let chunks: [(chunk: AACChunkPlan.Chunk, file: URL)]
    private let length: Int
    private let packet: Packet
    /// The next chunk to read, the packets read and not yet written (where they lie in
    /// `chunkBuffer`), the next packet's index on the track.
    private var nextChunk = 0
    private var pending: ArraySlice<Range<Int>> = []
    private var index = 0
    /// The last chunk read, in one reference-counted buffer its packets refer to: a packet
    /// costs the muxer a reference, not an allocation and a copy of its own.
    private var chunkBuffer: UnsafeMutablePointer<AVBufferRef>?

    /// Adds the stream to `output` (before its header is written); the chunks must have been
    /// encoded (`AudioTrack.encodeMissingChunks`).
    init(track: AudioTrack, output: OutputFile) throws(MediaError) {
        chunks = track.chunks()
        length = track.mix.length
        packet = try Packet()
        stream = try output.addStream()
        try AACEncoder.describe(stream, globalHeader: output.needsGlobalHeader)
    }

    deinit {
        av_buffer_unref(&chunkBuffer)
    }

    /// Writes the track's packets up to sample `end`.
    func write(upTo end: Int, to output: OutputFile) throws {
        // Packet i (after the priming packet, index 0) plays from sample (i - 1) * 1024.
        while (index - 1) * AACChunkPlan.frame < min(end, length) {
            if pending.isEmpty {
                guard nextChunk < chunks.count else { return }
                try readChunk()
                continue
            }
            try send(pending.removeFirst(), to: output)
        }
    }

    /// Writes the rest of the track.
    func finish(to output: OutputFile) throws {
        try write(upTo: length, to: output)
    }

    private func readChunk() throws {
        let (chunk, file) = chunks[nextChunk]
        let packets = try AACPacketFile.read(file)
        // The file holds the packets from the one whose overlap holds the pre-roll's last
        // frame (the track's priming packet for the first chunk) to the last the chunk can take.
        let first = nextChunk == 0 ? 0 : 1
        guard packets.ranges.count >= 1 + chunk.frames else {
            throw MediaError.invalidArgument("\(file.path): \(packets.ranges.count) AAC packets, \(1 + chunk.frames) needed")
        }
        av_buffer_unref(&chunkBuffer)
        // Zeroed padding past the last packet, as FFmpeg asks of every packet's buffer.
        let size = packets.bytes.count
        let buffer = try require(av_buffer_allocz(size + Int(AV_INPUT_BUFFER_PADDING_SIZE)), "av_buffer_allocz")
        chunkBuffer = buffer
        packets.bytes.copyBytes(to: buffer.pointee.data, count: size)
        pending = packets.ranges[first..<(1 + chunk.frames)]
        nextChunk += 1
    }

    private func send(_ range: Range<Int>, to output: OutputFile) throws {
        let frame = Int64(AACChunkPlan.frame)
        let pts = Int64(index - 1) * frame
        defer { packet.unref() }
        packet.pointer.pointee.buf = try require(av_buffer_ref(chunkBuffer), "av_buffer_ref")
        packet.pointer.pointee.data = packet.pointer.pointee.buf.pointee.data + range.lowerBound
        packet.pointer.pointee.size = Int32(range.count)
        packet.pointer.pointee.pts = pts
        packet.pointer.pointee.dts = pts
        packet.pointer.pointee.duration = max(0, min(frame, Int64(length) - pts))
        packet.pointer.pointee.flags |= AV_PKT_FLAG_KEY
        packet.pointer.pointee.stream_index = stream.pointee.index
        index += 1
        try output.write(packet)
    }
}

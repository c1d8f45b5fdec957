import CFFmpeg
import CFFmpegShims
import Foundation

/// Joins house-format segments end to end by remuxing, without re-encoding.
///
/// Every segment must match the first in stream count and, stream by stream, in kind,
/// codec, size, pixel format, time base, frame rate and extradata (the H.264 SPS/PPS):
/// a mismatched join would play wrong without any error, so it is refused with
/// `MediaError.incompatibleSegment`. Segments are opened one at a time, and only the
/// first is analysed by decoding when the codec's extradata decides the rest.
///
/// The synchronous methods block the calling thread and check `Task.isCancelled` between
/// packets; the `async` ones run the same work on a thread of their own (keeping Swift's
/// cooperative threads free) and stop when the awaiting task is cancelled.
public struct Joiner: Sendable {
    /// A joiner.
    public init() {}

    /// `join(_:to:)` on a thread of its own; cancelling the awaiting task stops it and
    /// removes the temporary file.
    public func join(_ segments: [URL], to destination: URL) async throws {
        try await runOnOwnThread { try self.join(segments, to: destination) }
    }

    /// Writes `segments`, in order, to `destination` as one MP4 file, atomically. Each
    /// segment starts where the previous one ended, so timestamps run on continuously.
    /// - Throws: `MediaError`, or `CancellationError` (no file is left behind in either case).
    public func join(_ segments: [URL], to destination: URL) throws {
        guard !segments.isEmpty else { throw MediaError.invalidArgument("nothing to join") }
        beginOperation()
        try writeAtomically(to: destination) { path in
            let output = try OutputFile(path: path)
            let packet = try Packet()
            var reference: [StreamSignature] = []
            // The demuxer probing found for the first segment opens the others: a join's
            // segments are one format, and probing each cost more than reading its header.
            var format: UnsafePointer<AVInputFormat>?
            // Per output stream: where the next segment starts, in the output time base.
            var nextStart: [Int64] = []
            for (position, segment) in segments.enumerated() {
                try checkCancellation()
                let input = try InputFile(path: segment.path, analyze: position == 0, format: format)
                if position == 0 { format = input.context.pointee.iformat }
                let analyzed = try position == 0 || Self.analyzeIfNeeded(input)
                let signatures = (0..<input.streamCount).map { StreamSignature(input.stream($0), analyzed: analyzed) }
                if position == 0 {
                    reference = signatures
                    try addStreams(like: input, to: output)
                    try output.writeHeader()
                    nextStart = Array(repeating: 0, count: signatures.count)
                } else {
                    try StreamSignature.compare(signatures, with: reference, file: segment.path)
                }
                nextStart = try copyPackets(from: input, to: output, startingAt: nextStart, using: packet)
            }
            try output.finish()
        }
    }

    /// Analyses `input` unless its streams can be compared as they were opened (see
    /// `StreamSignature`); returns whether it did. Only the first segment always is: the
    /// analysis decodes, and skipping it is most of the speed of joining a feature's
    /// thousands of segments.
    private static func analyzeIfNeeded(_ input: InputFile) throws(MediaError) -> Bool {
        let comparable = (0..<input.streamCount).allSatisfy {
            StreamSignature.comparableUnanalyzed(input.stream($0).pointee.codecpar.pointee)
        }
        if !comparable { try input.analyze() }
        return !comparable
    }

    private func addStreams(like input: InputFile, to output: OutputFile) throws(MediaError) {
        for index in 0..<input.streamCount {
            let source = input.stream(index)
            let stream = try output.addStream()
            try check(avcodec_parameters_copy(stream.pointee.codecpar, source.pointee.codecpar), "avcodec_parameters_copy")
            stream.pointee.codecpar.pointee.codec_tag = 0
            stream.pointee.time_base = source.pointee.time_base
            stream.pointee.avg_frame_rate = source.pointee.avg_frame_rate
            stream.pointee.sample_aspect_ratio = source.pointee.sample_aspect_ratio
        }
    }

    /// Copies every packet of `input`, shifting each stream so that its first packet lands
    /// at `starts`; returns where the next input starts: for every stream, the latest end
    /// of any stream's last packet.
    private func copyPackets(
        from input: InputFile, to output: OutputFile, startingAt starts: [Int64], using packet: Packet
    ) throws -> [Int64] {
        let count = input.streamCount
        let outputTimeBases = (0..<count).map { output.context.pointee.streams[$0]!.pointee.time_base }
        var shifts = [Int64?](repeating: nil, count: count)
        var ends = starts
        while try input.read(into: packet) {
            try checkCancellation()
            let pointer = packet.pointer
            let index = Int(pointer.pointee.stream_index)
            let stream = input.stream(index)
            if pointer.pointee.duration == 0 {
                let rate = stream.pointee.avg_frame_rate
                if rate.num > 0 && rate.den > 0 {
                    pointer.pointee.duration = av_rescale_q(1, av_inv_q(rate), stream.pointee.time_base)
                }
            }
            av_packet_rescale_ts(pointer, stream.pointee.time_base, outputTimeBases[index])
            let first = pointer.pointee.dts != CFFmpegNoPTSValue ? pointer.pointee.dts : pointer.pointee.pts
            let shift = shifts[index] ?? starts[index] - first
            shifts[index] = shift
            if pointer.pointee.pts != CFFmpegNoPTSValue { pointer.pointee.pts += shift }
            if pointer.pointee.dts != CFFmpegNoPTSValue { pointer.pointee.dts += shift }
            let end = (pointer.pointee.pts != CFFmpegNoPTSValue ? pointer.pointee.pts : pointer.pointee.dts)
                + pointer.pointee.duration
            ends[index] = max(ends[index], end)
            try output.write(packet)
        }
        return (0..<count).map { target in
            (0..<count).map { source in
                source == target
                    ? ends[source] : av_rescale_q(ends[source], outputTimeBases[source], outputTimeBases[target])
            }.max()!
        }
    }
}

import CFFmpeg
import CFFmpegShims
import Foundation

/// The video streams of house-format segments read end to end as one stream of packets, each
/// segment shifted to start where the previous one ended: what `TrackMuxer` lays into the
/// video with its tracks.
///
/// Every segment must match the first in stream count and, stream by stream, in kind,
/// codec, size, pixel format, time base, frame rate and extradata (the H.264 SPS/PPS):
/// a mismatched join would play wrong without any error, so it is refused with
/// `MediaError.incompatibleSegment`. Segments are opened one at a time, and only the
/// first is analysed by decoding when the codec's extradata decides the rest.
final class JoinedSegments {
    private let segments: [URL]
    /// The first segment, open and analysed: its streams describe the join's.
    let first: InputFile
    /// The only stream read (the first segment's video; the others are skipped).
    let selected: Int
    private let reference: [StreamSignature]

    /// Opens (and analyses) the first of `segments`.
    init(_ segments: [URL]) throws(MediaError) {
        guard let path = segments.first?.path else { throw MediaError.invalidArgument("nothing to join") }
        self.segments = segments
        first = try InputFile(path: path, analyze: true)
        selected = try first.videoStreamIndex()
        reference = Self.signatures(of: first, analyzed: true)
    }

    /// Calls `write` with every packet of every segment's video in order, its timestamps
    /// those of the join, in `timeBase`; returns where the join ends (in `timeBase`).
    /// Segment i must hold `frames[i]` frames in the selected stream.
    func forEachPacket(
        timeBase: AVRational, frames: [Int], using packet: Packet, _ write: (Packet) throws -> Void
    ) throws -> Int64 {
        if frames.count != segments.count {
            throw MediaError.invalidArgument("\(frames.count) frame counts for \(segments.count) segments")
        }
        // The demuxer probing found for the first segment opens the others: a join's
        // segments are one format, and probing each cost more than reading its header.
        let format = first.context.pointee.iformat
        // Where the next segment starts.
        var nextStart: Int64 = 0
        for (position, segment) in segments.enumerated() {
            try checkCancellation()
            let input = try position == 0 ? first : InputFile(path: segment.path, analyze: false, format: format)
            // Packets as the MP4 holds them: no H.264 parser run over every packet for
            // headers the remux does not need (a fifth of the video step's CPU).
            input.context.pointee.flags |= AVFMT_FLAG_NOPARSE
            if position > 0 {
                let analyzed = try Self.analyzeIfNeeded(input)
                try StreamSignature.compare(Self.signatures(of: input, analyzed: analyzed), with: reference, file: segment.path)
            }
            input.discardAllStreams(except: selected)
            if Int(input.stream(selected).pointee.nb_frames) != frames[position] {
                throw MediaError.invalidArgument(
                    "\(segment.path) holds \(input.stream(selected).pointee.nb_frames) frames, \(frames[position]) expected")
            }
            nextStart = try copyPackets(from: input, timeBase: timeBase, startingAt: nextStart, using: packet, write)
        }
        return nextStart
    }

    private static func signatures(of input: InputFile, analyzed: Bool) -> [StreamSignature] {
        (0..<input.streamCount).map { StreamSignature(input.stream($0), analyzed: analyzed) }
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

    /// Passes every packet of `input`'s selected stream to `write`, shifted so that the
    /// first lands at `start`; returns where its last ends, where the next input starts.
    private func copyPackets(
        from input: InputFile, timeBase: AVRational, startingAt start: Int64, using packet: Packet,
        _ write: (Packet) throws -> Void
    ) throws -> Int64 {
        let stream = input.stream(selected)
        var shift: Int64?
        var end = start
        while try input.read(into: packet) {
            try checkCancellation()
            let pointer = packet.pointer
            guard Int(pointer.pointee.stream_index) == selected else {
                packet.unref()
                continue
            }
            if pointer.pointee.duration == 0 {
                let rate = stream.pointee.avg_frame_rate
                if rate.num > 0 && rate.den > 0 {
                    pointer.pointee.duration = av_rescale_q(1, av_inv_q(rate), stream.pointee.time_base)
                }
            }
            av_packet_rescale_ts(pointer, stream.pointee.time_base, timeBase)
            let first = pointer.pointee.dts != CFFmpegNoPTSValue ? pointer.pointee.dts : pointer.pointee.pts
            let offset = shift ?? start - first
            shift = offset
            if pointer.pointee.pts != CFFmpegNoPTSValue { pointer.pointee.pts += offset }
            if pointer.pointee.dts != CFFmpegNoPTSValue { pointer.pointee.dts += offset }
            end = max(end, (pointer.pointee.pts != CFFmpegNoPTSValue ? pointer.pointee.pts : pointer.pointee.dts)
                + pointer.pointee.duration)
            try write(packet)
        }
        return end
    }
}

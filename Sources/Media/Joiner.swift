import CFFmpeg
import CFFmpegShims
import Foundation

/// Joins house-format segments end to end by remuxing, without re-encoding, into one MP4
/// (`JoinedSegments` says which segments join and how).
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
            let joined = try JoinedSegments(segments)
            let output = try OutputFile(path: path)
            try addStreams(like: joined.first, to: output)
            try output.writeHeader()
            let timeBases = (0..<joined.first.streamCount).map { output.context.pointee.streams[$0]!.pointee.time_base }
            try joined.forEachPacket(timeBases: timeBases, frames: nil, using: try Packet()) { try output.write($0) }
            try output.finish()
        }
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
}

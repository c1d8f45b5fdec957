import Foundation

extension BuildReport {
    /// The report the next build writes when it finds nothing changed: every segment this
    /// build generated reused from the cache, and the video not written. A build recording
    /// itself for a no-op (`NoOpRecord`) keeps it, so that the no-op it stands for writes
    /// the same report without planning.
    public var asNoOp: BuildReport {
        var report = self
        func reused(_ segment: Segment) -> Segment {
            guard segment.status == .generated else { return segment }
            var segment = segment
            segment.status = .reused
            segment.reason = "cached"
            segment.generationSeconds = nil
            return segment
        }
        report.segments = segments.map(reused)
        report.takes = takes.map(reused)
        report.reused += report.generated
        report.generated = 0
        report.videoWritten = false
        return report
    }
}

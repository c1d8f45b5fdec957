import Animatic
import AnimaticCommands
import Foundation
import Generation
import Project

extension BuildCommand {
    /// After a successful build: records it (`NoOpRecord`) so that the same command, run
    /// again with nothing changed, is finished without planning (`finishIfUpToDate`). Kept
    /// with what the build printed before its work (`printed`) and what a no-op then prints
    /// at this command's level, and, when the report beside the video is not the one a no-op
    /// writes, that report. Nothing is recorded for a build quality control took part in
    /// (its no-op prints verdicts from the cache), or when an output is missing or the
    /// report is no longer this build's. Written under the cache's lock; a record that
    /// cannot be written only costs the next build its planning.
    func recordNoOp(
        _ report: BuildReport, builder: Builder, printed: String, inputs: [String], outputs: [URL], project: URL?
    ) async {
        guard !builder.qcPolicy.analyses, file != "-" else { return }
        let said = Transcript()
        said.start()
        let display = ProgressDisplay(level: quiet ? .quiet : verbose ? .verbose : .normal, isTerminal: false) { said.add($0) }
        display.show(.planned(segments: report.segments.count + report.takes.count, toGenerate: 0, frames: report.totalFrames))
        for segment in report.segments + report.takes { display.show(.segmentCached(id: segment.id)) }
        display.show(.videoUpToDate(name: builder.settings.outputName))

        let cache = builder.settings.cacheDirectory.standardizedFileURL
        guard let lock = try? await ClipCache(directory: cache).lock() else { return }
        defer { withExtendedLifetime(lock) {} }
        let url = NoOpRecord.url(video: builder.settings.output, cache: cache)
        let reportURL = builder.settings.reportURL
        guard let written = try? report.jsonData(), FileManager.default.contents(atPath: reportURL.path) == written else {
            try? FileManager.default.removeItem(at: url)
            return
        }
        var pending: (source: String, target: String)?
        let noOp = report.asNoOp
        if noOp != report {
            let source = url.deletingPathExtension().appendingPathExtension("report.json")
            guard let data = try? noOp.jsonData(), (try? data.write(to: source, options: .atomic)) != nil else { return }
            pending = (source.path, reportURL.path)
        }
        let record = NoOpRecord(
            command: NoOpRecord.command(
                arguments: Array(CommandLine.arguments.dropFirst()), programs: NoOpRecord.programs, project: project, cache: cache),
            inputs: NoOpRecord.entries(inputs), outputs: NoOpRecord.entries(outputs.map(\.path)), pendingReport: pending,
            printed: printed + said.stop())
        guard record.outputs.allSatisfy({ $0.stamp != nil }) else {
            try? FileManager.default.removeItem(at: url)
            return
        }
        try? record.write(to: url)
    }
}

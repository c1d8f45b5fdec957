import Foundation
import Project

extension BuildCommand {
    /// Finishes the build here when the video's `NoOpRecord` vouches that it would change
    /// nothing: the same command, every file it read and wrote as it left them. Then it
    /// puts the record's pending report in place, prints what the build would print, and
    /// returns true; otherwise false, having printed and changed nothing. Not for a dry run
    /// or a script from standard input, and never while another build holds the cache.
    func finishIfUpToDate() -> Bool {
        guard !dryRun, file != "-" else { return false }
        let script = URL(fileURLWithPath: file).standardizedFileURL
        let input = ScriptInput(displayPath: file, url: script, bytes: [])
        guard let (project, chosen) = options.settingsQuietly(for: input, commandFlags: commandFlags) else { return false }
        let cache = sound.cache(chosen, for: input).standardizedFileURL
        let video = output.map { URL(fileURLWithPath: $0) } ?? script.deletingPathExtension().appendingPathExtension("mp4")
        let url = NoOpRecord.url(video: video, cache: cache)
        guard var record = NoOpRecord(reading: url),
            record.command == NoOpRecord.command(
                arguments: Array(CommandLine.arguments.dropFirst()), programs: NoOpRecord.programs, project: project?.url,
                cache: cache)
        else { return false }
        // The build that left the record may still be writing, or another build of the video.
        let lock = open(cache.appendingPathComponent(".lock").path, O_RDWR | O_CLOEXEC)
        guard lock >= 0 else { return false }
        defer { close(lock) }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0, record.isCurrent else { return false }
        if let pending = record.pendingReport {
            guard let report = record.outputs.firstIndex(where: { $0.path == pending.target }),
                let data = FileManager.default.contents(atPath: pending.source),
                (try? data.write(to: URL(fileURLWithPath: pending.target), options: .atomic)) != nil
            else { return false }
            record.outputs[report].stamp = NoOpRecord.Stamp(pending.target)
            record.pendingReport = nil
            // A record that cannot be rewritten is only stale: the next build plans.
            try? record.write(to: url)
            try? FileManager.default.removeItem(atPath: pending.source)
        }
        printError(record.printed)
        return true
    }
}

import Foundation
import Planning

/// Shows a build's progress on standard error: on a terminal, one live line (segments
/// done / total, rate, time left); otherwise one plain line per finished stage. Quiet
/// shows nothing; verbose adds a line per segment (cached, generated and why). A failed
/// segment always gets a line, and the live line counts the failures.
public final class ProgressDisplay: @unchecked Sendable {
    /// How much to say.
    public enum Level: Sendable { case quiet, normal, verbose }

    private let level: Level
    private let isTerminal: Bool
    private let lock = NSLock()
    private var started = Date()
    private var barShown = false
    private var failed = 0
    /// The fraction made of each running segment whose backend says so.
    private var running: [SegmentID: Double] = [:]
    private var lastDone = 0
    private var lastTotal = 0

    private let output: @Sendable (String) -> Void

    /// A display at `level`; live when standard error is a terminal. It writes to standard
    /// error unless given `output` (what a no-op prints, for its `NoOpRecord`).
    public init(
        level: Level, isTerminal: Bool = isatty(STDERR_FILENO) == 1,
        output: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.level = level
        self.isTerminal = isTerminal
        self.output = output
    }

    /// Shows `event`.
    public func show(_ event: BuildEvent) {
        guard level != .quiet else { return }
        lock.withLock {
            switch event {
            case let .planned(segments, toGenerate, frames):
                started = Date()
                failed = 0
                running = [:]
                lastDone = 0
                lastTotal = toGenerate
                line("planned \(Self.count(segments, "segment")) (\(Self.count(frames, "frame"))): "
                    + "\(toGenerate) to generate, \(segments - toGenerate) cached")
            case .stepFinished:
                // Said by the events of the work the steps do.
                break
            case let .segmentCached(id):
                if level == .verbose { line("\(id): cached") }
            case .waitingForCache:
                line("waiting for another build to release the cache")
            case let .segmentProgress(id, fraction):
                running[id] = fraction
                if isTerminal && lastTotal > 0 { bar(done: lastDone, total: lastTotal) }
            case let .segmentFinished(id, reason, error, done, total):
                running[id] = nil
                lastDone = done
                lastTotal = total
                if let error {
                    failed += 1
                    line("\(id): failed: \(error)")
                } else if level == .verbose {
                    line("\(id): generated (\(reason))")
                }
                if isTerminal { bar(done: done, total: total) }
            case let .stopping(segment):
                line("stopping: \(segment) failed; no new segment starts, the running ones finish")
            case let .generated(made, requested, failedCount, notStarted, seconds):
                var text = "generated \(made) of \(Self.count(requested, "segment")) in \(String(format: "%.1f", seconds)) s"
                if failedCount > 0 { text += ", \(failedCount) failed" }
                if notStarted > 0 { text += ", \(notStarted) not started" }
                line(text)
            case let .qualityChecked(id, record, analysed, decoded):
                // A pass is news only when retakes were needed, or in verbose mode, which
                // also says whether the clips were measured as they were made or decoded
                // from their files to be analysed.
                if !record.best.passed || record.attempts.count > 1 || level == .verbose {
                    var source = analysed ? "" : " (cached)"
                    if analysed && level == .verbose {
                        source = decoded == 0 ? " (measured as made)"
                            : " (\(Self.count(decoded, "clip")) decoded for analysis)"
                    }
                    line("\(id): qc \(record.why)" + source)
                }
            case let .takesRanked(ranking):
                // News when the timeline holds another take than take 1, or a pick QC ranks lower.
                if ranking.onTimeline != 1 || ranking.onTimeline != ranking.best || level == .verbose {
                    line("\(ranking.shot): " + (ranking.chosenBy == "qc" ? "qc chose " : "") + ranking.why)
                }
            case let .retakeFailed(id, seed, error):
                line("\(id): qc retake with seed \(seed) failed: \(error)")
            case let .failureCards(segments):
                line((segments.count == 1 ? "a failure card stands in for " : "failure cards stand in for ")
                    + segments.map(\.rawValue).joined(separator: ", "))
            case let .videoUpToDate(name):
                line("\(name) is up to date")
            case let .videoWritten(name, frames):
                line("wrote \(name) (\(Self.count(frames, "frame")))")
            case let .cutListsWritten(files, thumbnails, pages, seconds):
                let made = [Self.count(thumbnails, "new thumbnail"), Self.count(pages, "sheet page")]
                    .enumerated().filter { [thumbnails, pages][$0.offset] > 0 }.map(\.element)
                line("wrote \(Self.names(files)) in \(String(format: "%.2f", seconds)) s"
                    + (made.isEmpty ? "" : "; made " + made.joined(separator: " and ")))
            }
        }
    }

    /// `1 segment`, `2 segments`.
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    private func line(_ text: String) {
        write((barShown ? "\r\u{1B}[K" : "") + text + "\n")
        barShown = false
    }

    /// The live line: the bar counts the running segments' fractions too, so a build of a
    /// few long segments on a hot worker moves between them.
    private func bar(done: Int, total: Int) {
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let made = min(Double(total), Double(done) + running.values.reduce(0, +))
        let rate = made / elapsed
        let remaining = rate > 0 ? (Double(total) - made) / rate : 0
        let width = 30
        let filled = total > 0 ? Int(Double(width) * made / Double(total)) : width
        let text = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            + "\(done)/\(total) segments  " + (failed > 0 ? "\(failed) failed  " : "")
            + (running.isEmpty ? "" : "\(running.count) at \(Int((running.values.reduce(0, +) * 100 / Double(running.count)).rounded()))%  ")
            + String(format: "%.1f/s  ETA %.0f s", rate, remaining)
        write("\r\u{1B}[K" + text)
        barShown = done < total
        if !barShown { write("\n") }
    }

    /// The files' names, a run of contact sheet pages shortened to its first and last.
    private static func names(_ files: [URL]) -> String {
        var names: [String] = []
        var pages: [String] = []
        func flush() {
            names += pages.count > 2 ? ["\(pages[0])…\(pages[pages.count - 1]) (\(pages.count) pages)"] : pages
            pages = []
        }
        for name in files.map(\.lastPathComponent) {
            if name.contains(".contact-") && name.hasSuffix(".png") { pages.append(name) } else { flush(); names.append(name) }
        }
        flush()
        return names.joined(separator: ", ")
    }

    private func write(_ text: String) {
        output(text)
    }
}

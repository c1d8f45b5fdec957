import Foundation

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

    /// A display at `level`; live when standard error is a terminal.
    public init(level: Level, isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.level = level
        self.isTerminal = isTerminal
    }

    /// Shows `event`.
    public func show(_ event: BuildEvent) {
        guard level != .quiet else { return }
        lock.withLock {
            switch event {
            case let .planned(segments, toGenerate, frames):
                started = Date()
                failed = 0
                line("planned \(segments) segments (\(frames) frames): \(toGenerate) to generate, \(segments - toGenerate) cached")
            case let .segmentCached(id):
                if level == .verbose { line("\(id): cached") }
            case .waitingForCache:
                line("waiting for another build to release the cache")
            case let .segmentFinished(id, reason, error, done, total):
                if let error {
                    failed += 1
                    line("\(id): failed: \(error)")
                } else if level == .verbose {
                    line("\(id): generated (\(reason))")
                }
                if isTerminal { bar(done: done, total: total) }
            case let .stage(text):
                line(text)
            }
        }
    }

    private func line(_ text: String) {
        write((barShown ? "\r\u{1B}[K" : "") + text + "\n")
        barShown = false
    }

    private func bar(done: Int, total: Int) {
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let text = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            + "\(done)/\(total) segments  " + (failed > 0 ? "\(failed) failed  " : "")
            + String(format: "%.1f/s  ETA %.0f s", rate, remaining)
        write("\r\u{1B}[K" + text)
        barShown = done < total
        if !barShown { write("\n") }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

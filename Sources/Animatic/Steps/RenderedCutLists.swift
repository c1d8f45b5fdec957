import CutLists
import Foundation

/// The text cut lists of a build whose bytes the timeline alone decides (no storyboard
/// page, no quality control to place takes after planning), each rendered on a thread of
/// its own from the moment the build's steps are planned: beside the rest of planning,
/// generation and the join, instead of before the first generation step. Each list's step
/// waits for its bytes (long rendered by the time the video is made) and writes them
/// unless its file holds them already.
///
/// Only a build renders its lists so: a dry run renders them while planning, to say
/// whether each changes (`Builder.addCutLists`).
final class RenderedCutLists: @unchecked Sendable {
    private let lock = NSLock()
    /// Each format's bytes once rendered; nil inside when the format renders no text.
    private var rendered: [CutListFormat: Data?] = [:]
    private var waiting: [CutListFormat: [CheckedContinuation<Data?, Never>]] = [:]
    /// The formats rendered here.
    let formats: Set<CutListFormat>

    /// Starts rendering `formats` with `render`, one after another on a thread of their own
    /// that yields to the build's other threads (a nicer priority): the lists are wanted
    /// only after the video, generation and the join first.
    init(_ formats: [CutListFormat], render: @escaping @Sendable (CutListFormat) -> Data?) {
        self.formats = Set(formats)
        guard !formats.isEmpty else { return }
        let thread = Thread {
            // Only this thread's: on Linux a nice value is a thread's, and 0 names the caller.
            let which = __priority_which_t(PRIO_PROCESS.rawValue)
            errno = 0
            let nice = getpriority(which, 0)
            if errno == 0 { _ = setpriority(which, 0, min(nice + 5, 19)) }
            for format in formats { self.finish(format, render(format)) }
        }
        thread.name = "cut lists"
        thread.start()
    }

    /// The bytes of `format`, once rendered; nil for a format not rendered here.
    func bytes(of format: CutListFormat) async -> Data? {
        guard formats.contains(format) else { return nil }
        return await withCheckedContinuation { continuation in
            let done: Data?? = lock.withLock {
                if let bytes = rendered[format] { return .some(bytes) }
                waiting[format, default: []].append(continuation)
                return .none
            }
            if let bytes = done { continuation.resume(returning: bytes) }
        }
    }

    private func finish(_ format: CutListFormat, _ bytes: Data?) {
        let waiters = lock.withLock {
            rendered[format] = .some(bytes)
            return waiting.removeValue(forKey: format) ?? []
        }
        for waiter in waiters { waiter.resume(returning: bytes) }
    }
}

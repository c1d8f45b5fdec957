import Foundation

/// Keeps the review file for the review page: reads it as it is now, and writes a page's
/// `ReviewEdit` into it. Saves are taken one at a time (an actor); each re-reads the file,
/// makes its change at the file's own YAML nodes (`ReviewWriter`, so comments and order
/// stay), reads the result back, and replaces the file atomically only if it still holds
/// what was read — else it starts again from the new text. So two pages saving at once both
/// land, and a hand edit made meanwhile is merged, never overwritten.
public actor ReviewFileKeeper {
    /// The review file (it may not exist yet).
    nonisolated public let url: URL
    /// Its path as messages name it.
    nonisolated public let displayPath: String

    public init(url: URL, displayPath: String) {
        self.url = url
        self.displayPath = displayPath
    }

    /// What a save did.
    public enum Outcome: String, Sendable, Codable {
        /// The file was written.
        case written
        /// The file already said all of it; nothing was written.
        case unchanged
    }

    /// The file as it is now; nil when there is none.
    public func current() -> ReviewFile? {
        FileManager.default.contents(atPath: url.path).map { ReviewFile.parse($0, url: url, displayPath: displayPath) }
    }

    /// Writes `edit` into the file as it is now, `date` as its note's `at` (UTC, to the minute).
    /// - Throws: `AnimaticError` `.badInput` when the file has errors (a hand edit to
    ///   finish first; nothing written), `.cannotCreate` when it cannot be written or keeps
    ///   changing, `.internalFailure` when the edited text does not read back as meant.
    public func save(_ edit: ReviewEdit, at date: Date = Date()) throws(AnimaticError) -> Outcome {
        let edit = try edit.normalised()
        let stamp = Self.timestamp(date)
        // Another writer between the read and the rename makes this read again; a few
        // rounds are plenty for people typing.
        for _ in 0..<8 {
            let data = FileManager.default.contents(atPath: url.path)
            let file = data.map { ReviewFile.parse($0, url: url, displayPath: displayPath) }
            if let file, let error = file.diagnostics.first(where: { $0.severity == .error }) {
                throw AnimaticError(.badInput, "\(error.formatted(path: displayPath)); fix the file, then save again")
            }
            let entry = file?.review.entries.first { $0.shotID == edit.shot }
            guard let change = edit.change(against: entry, at: stamp) else { return .unchanged }
            let text = try file.map { file throws(AnimaticError) in try ReviewWriter.apply([change], to: file.text) }
                ?? ReviewWriter.newFile([change])
            try ReviewWriter.verify(text, changes: [change], url: url, displayPath: displayPath)
            guard FileManager.default.contents(atPath: url.path) == data else { continue }
            try AtomicFile.write(Data(text.utf8), to: url)
            return .written
        }
        throw AnimaticError(.cannotCreate, "\(displayPath) kept changing while it was saved; nothing written, save again")
    }

    /// `2026-12-07T14:05Z`: a note's `at`, as the schema's examples write it.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm'Z'"
        return formatter.string(from: date)
    }
}

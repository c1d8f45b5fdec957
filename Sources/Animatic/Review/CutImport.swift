import CutLists
import Foundation
import Planning
import Screenplay

/// `animatic review --import`: an editor's version of our cut list, compared with the
/// plan's timeline, written into the review file. A marker on a clip (or on the sequence,
/// over a clip) becomes a note on the clip's shot, a shot trimmed or extended a `duration`
/// revision in frames, a clip swapped for another take's file (`12A-1.take2.mp4`) a
/// `pick`. Shots reordered or left out are reported, not applied: the script decides the
/// order. The file is edited in place like `--apply-notes` edits it (`ReviewWriter`), read
/// back and checked, and written atomically only if it has not changed meanwhile; a note
/// the shot already has is not added again, so importing twice writes nothing the second time.
public struct CutImport: Sendable {
    /// Who imported notes are by.
    public static let noteAuthor = "editor"

    public var cut: EditedCut
    /// The timeline the cut list was exported from: the plan with the review's revisions.
    public var timeline: Timeline
    /// The review file, when there is one.
    public var file: ReviewFile?
    /// Where a new review file goes when there is none, and its path for messages.
    public var newFile: (url: URL, displayPath: String)

    public init(cut: EditedCut, timeline: Timeline, file: ReviewFile?, newFile: (url: URL, displayPath: String)) {
        self.cut = cut
        self.timeline = timeline
        self.file = file
        self.newFile = newFile
    }

    /// What an import did.
    public struct Outcome: Sendable {
        /// A line per change and per report, then a total, for standard output.
        public var summary: String
        /// The shots whose entries changed.
        public var changedShots: Int
    }

    /// Compares the cut with the timeline and writes what changed.
    /// - Throws: `AnimaticError` `.cannotCreate` when the file cannot be written or changed
    ///   meanwhile, `.internalFailure` when the edited text does not read back as meant.
    public func run() throws(AnimaticError) -> Outcome {
        let comparison = CutComparison(cut: cut, timeline: timeline, review: file?.review ?? Review())
        var lines = comparison.reports
        let changes = comparison.changes
        for change in changes {
            if let pick = change.pick { lines.append("\(change.shotID): take \(pick) in the cut → pick \(pick)") }
            for field in change.fields {
                if case .text(let value) = field.value { lines.append("\(change.shotID): trimmed in the cut → duration \(value)") }
            }
            for note in change.newNotes { lines.append("\(change.shotID): marker → note \"\(note.text)\"") }
        }
        let target = file.map { ($0.url, $0.displayPath) } ?? newFile
        guard !changes.isEmpty else {
            lines.append("nothing to import into \(target.1)")
            return Outcome(summary: lines.joined(separator: "\n"), changedShots: 0)
        }
        let text = try file.map { file throws(AnimaticError) in try ReviewWriter.apply(changes, to: file.text) }
            ?? ReviewWriter.newFile(changes)
        try ReviewWriter.verify(text, changes: changes, url: target.0, displayPath: target.1)
        if let file {
            guard FileManager.default.contents(atPath: file.url.path) == Data(file.text.utf8) else {
                throw AnimaticError(.cannotCreate, "\(file.displayPath) changed while the cut was imported; nothing written, run again")
            }
        } else if FileManager.default.fileExists(atPath: newFile.url.path) {
            throw AnimaticError(.cannotCreate, "\(newFile.displayPath) appeared while the cut was imported; nothing written, run again")
        }
        try AtomicFile.write(Data(text.utf8), to: target.0)
        lines.append("imported changes to \(changes.count) shot\(changes.count == 1 ? "" : "s") into \(target.1)")
        return Outcome(summary: lines.joined(separator: "\n"), changedShots: changes.count)
    }
}

/// The edited cut against the timeline, shot by shot.
struct CutComparison {
    /// The review file's changes, in plan order.
    var changes: [ReviewChange] = []
    /// Clips not from this plan, shots reordered or left out: reported, not applied.
    var reports: [String] = []

    init(cut: EditedCut, timeline: Timeline, review: Review) {
        let index = ClipIndex(timeline)
        let entries = Dictionary(review.entries.map { ($0.shotID, $0) }) { first, _ in first }
        let ownMarkers = Set(timeline.markers.flatMap { [$0.name, $0.comment, "\($0.name) \($0.comment)"].map { $0.uppercased() } })
        var frames: [ShotID: Int] = [:]
        var takes: [ShotID: Int] = [:]
        var notes: [ShotID: [String]] = [:]
        var order: [ShotID] = []
        for clip in cut.clips {
            guard let (placed, take) = index.find(clip) else {
                reports.append("clip \(clip.name) at frame \(clip.recordIn) is not from this plan; it is left out")
                continue
            }
            let shot = placed.shot.id
            frames[shot, default: 0] += clip.frames
            if takes[shot] == nil { takes[shot] = take }
            if order.last != shot { order.append(shot) }
            let over = cut.markers.filter { marker in marker.frame.map { $0 >= clip.recordIn && $0 < clip.recordOut } ?? false }
            for marker in clip.markers + over {
                let text = marker.text
                guard !text.isEmpty, !ownMarkers.contains(text.uppercased()) else { continue }
                notes[shot, default: []].append(text)
            }
        }
        reports += Self.orderReports(order, timeline: timeline)
        var seen: Set<ShotID> = []
        for placed in timeline.clips where seen.insert(placed.shot.id).inserted {
            let shot = placed.shot
            guard let edited = frames[shot.id] else {
                reports.append("\(shot.id) is not in the cut (reported, not applied: take it out of the script to drop it)")
                continue
            }
            var change = ReviewChange(shotID: shot.id)
            let planned = timeline.clips.filter { $0.shot.id == shot.id }
            if edited != planned.reduce(0, { $0 + $1.frames }) {
                change.fields = [("duration", .text(ShotDuration.frames(edited).text))]
            }
            // The timeline has the review's pick, or the take QC chose in the build: a pick
            // is the editor's only when the cut has another take (and not the pick already
            // there, of a take the plan does not make).
            if let take = takes[shot.id], take != ClipIndex.take(of: planned[0].media.lastPathComponent),
               take != entries[shot.id]?.pick {
                change.pick = take
            }
            let present = Set(entries[shot.id]?.notes.map(\.text) ?? [])
            var added: Set<String> = []
            change.newNotes = (notes[shot.id] ?? []).filter { !present.contains($0) && added.insert($0).inserted }
                .map { ReviewChange.NewNote(text: $0, by: CutImport.noteAuthor) }
            if change.pick != nil || !change.fields.isEmpty || !change.newNotes.isEmpty { changes.append(change) }
        }
    }

    /// A line for each shot the cut puts before one the script has before it.
    private static func orderReports(_ order: [ShotID], timeline: Timeline) -> [String] {
        var position: [ShotID: Int] = [:]
        for clip in timeline.clips where position[clip.shot.id] == nil { position[clip.shot.id] = position.count }
        var reports: [String] = []
        var latest: ShotID?
        for shot in order {
            if let before = latest, let at = position[shot], let was = position[before], at < was {
                reports.append("\(shot) comes after \(before) in the cut, before it in the script (reported, not applied)")
            }
            if let at = position[shot], latest.flatMap({ position[$0] }).map({ at > $0 }) ?? true { latest = shot }
        }
        return reports
    }
}

/// The timeline's clips by the name of their media file without its take (`12A-1`), and by reel.
private struct ClipIndex {
    var byStem: [String: TimelineClip] = [:]
    var byReel: [String: TimelineClip] = [:]

    init(_ timeline: Timeline) {
        for clip in timeline.clips {
            byStem[Self.stem(of: clip.media.lastPathComponent)] = clip
            byReel[clip.reel.uppercased()] = clip
        }
    }

    /// The clip an edited clip plays and which take: by its file, its name (a segment ID
    /// or a file name), then its reel.
    func find(_ clip: EditedCut.Clip) -> (TimelineClip, Int)? {
        var names = [clip.name, PortableFileName.clip(SegmentID(clip.name)), clip.name + ".mp4"]
        if let file = clip.sourceFile { names.insert((file as NSString).lastPathComponent, at: 0) }
        for name in names where !name.isEmpty {
            if let placed = byStem[Self.stem(of: name)] { return (placed, Self.take(of: name)) }
        }
        if let reel = clip.reel?.uppercased(), let placed = byReel[reel] { return (placed, 1) }
        return nil
    }

    /// `12A-1.take2.mp4` → `12A-1`.
    static func stem(of fileName: String) -> String { split(fileName).stem }

    /// `12A-1.take2.mp4` → 2; a name without a take suffix is take 1.
    static func take(of fileName: String) -> Int { split(fileName).take }

    private static func split(_ fileName: String) -> (stem: String, take: Int) {
        var name = Substring(fileName)
        if let dot = name.lastIndex(of: "."), name[name.index(after: dot)...].lowercased() == "mp4" { name = name[..<dot] }
        if let dot = name.lastIndex(of: "."), name[dot...].hasPrefix(".take") {
            let digits = name[dot...].dropFirst(".take".count)
            if !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let take = Int(digits) {
                return (String(name[..<dot]), take)
            }
        }
        return (String(name), 1)
    }
}

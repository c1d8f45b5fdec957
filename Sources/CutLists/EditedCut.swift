import Foundation
import Planning

/// An editor's version of one of our cut lists, read back (`animatic review --import`): the
/// video clips in record order with what each plays, and the markers left on them. Every
/// format reads into this one value, in frames at the plan's rate, so the comparison with
/// the plan's timeline knows no format.
public struct EditedCut: Hashable, Sendable {
    /// One clip on the edited timeline.
    public struct Clip: Hashable, Sendable {
        /// The clip's name in the editing system (ours is the segment ID; an NLE may show
        /// the file name).
        public var name: String
        /// The CMX reel, for an EDL.
        public var reel: String?
        /// The media file it plays, as a path or a URL's path (percent-decoded); nil when
        /// the format gives none.
        public var sourceFile: String?
        /// The first record frame, counted from the start of the edit.
        public var recordIn: Int
        /// One past the last record frame.
        public var recordOut: Int
        /// Markers on the clip.
        public var markers: [Marker]

        public init(name: String, reel: String? = nil, sourceFile: String?, recordIn: Int, recordOut: Int, markers: [Marker] = []) {
            self.name = name
            self.reel = reel
            self.sourceFile = sourceFile
            self.recordIn = recordIn
            self.recordOut = recordOut
            self.markers = markers
        }

        /// The length in frames.
        public var frames: Int { recordOut - recordIn }
    }

    /// A marker: its name and comment as the editor wrote them.
    public struct Marker: Hashable, Sendable {
        public var name: String
        public var comment: String
        /// The record frame of a marker on the sequence (nil for one on a clip).
        public var frame: Int?

        public init(name: String, comment: String, frame: Int? = nil) {
            self.name = name
            self.comment = comment
            self.frame = frame
        }

        /// What the marker says: its comment, else its name.
        public var text: String {
            let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
            return comment.isEmpty ? name.trimmingCharacters(in: .whitespacesAndNewlines) : comment
        }
    }

    /// The video clips in record order (black and gaps left out).
    public var clips: [Clip]
    /// Markers on the sequence rather than on a clip.
    public var markers: [Marker]

    public init(clips: [Clip], markers: [Marker] = []) {
        self.clips = clips
        self.markers = markers
    }

    /// The formats an edited cut is read from, by file name: `.otio`, `.xml` (FCP 7 XML, as
    /// Premiere and Resolve write it), `.fcpxml`, `.edl`.
    public static func format(ofFileNamed name: String) -> CutListFormat? {
        switch (name as NSString).pathExtension.lowercased() {
        case "otio": .otio
        case "xml": .fcp7
        case "fcpxml": .fcpxml
        case "edl": .edl
        default: nil
        }
    }

    /// Reads an edited cut list. `rate` is the plan's: an EDL does not say its own, and
    /// every time is given in frames at it.
    /// - Throws: `EditedCutError` when the text is not the format it is named as.
    public static func read(_ data: Data, format: CutListFormat, rate: FrameRate) throws(EditedCutError) -> EditedCut {
        switch format {
        case .otio: return try OTIOCutReader.read(data, rate: rate)
        case .fcp7: return try FCP7CutReader.read(data, rate: rate)
        case .fcpxml: return try FCPXMLCutReader.read(data, rate: rate)
        case .edl: return try EDLCutReader.read(data, rate: rate)
        default: throw EditedCutError("\(format.rawValue) is not a cut list animatic reads back")
        }
    }
}

/// An edited cut list that cannot be read.
public struct EditedCutError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension FrameRate {
    /// Seconds as a whole number of frames at this rate (to the nearest).
    func frames(seconds: Double) -> Int {
        Int((seconds * Double(num) / Double(den)).rounded())
    }
}

/// The path a `file:` URL names (percent-decoded), or the text itself when it is a path.
func localPath(_ text: String) -> String {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.lowercased().hasPrefix("file:") else { return trimmed }
    var rest = trimmed.dropFirst("file:".count)
    if rest.hasPrefix("//") {
        rest = rest.dropFirst(2)
        // `file://localhost/path` and `file:///path`: the host part ends at the next slash.
        if let slash = rest.firstIndex(of: "/") { rest = rest[slash...] }
    }
    return String(rest).removingPercentEncoding ?? String(rest)
}

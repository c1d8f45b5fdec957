import Planning

/// The cut lists animatic writes, by the name `--format` and `--cutlists` take.
public enum CutListFormat: String, CaseIterable, Hashable, Sendable {
    case edl
    case fcp7
    case fcpxml
    case otio
    case srt
    case csv
    case html
    /// The contact sheet: a PNG grid of one frame per shot, drawn by the build from the
    /// rendered clips (it has no text form, so `animatic export` cannot write it).
    case sheet

    /// The formats written as text from the timeline alone: all but `sheet`.
    public static let textFormats = allCases.filter(\.isText)

    /// Whether the format is text made from the timeline alone (all but `sheet`).
    public var isText: Bool { self != .sheet }

    /// The file name ending, without the dot: `film.edl`, `film.xml`, `film.fcpxml`,
    /// `film.otio`, `film.srt`, `film.csv`, `film.storyboard.html`, `film.contact.png` (a
    /// long film's sheet is in pages: `film.contact-001.png`, …).
    public var fileExtension: String {
        switch self {
        case .edl: "edl"
        case .fcp7: "xml"
        case .fcpxml: "fcpxml"
        case .otio: "otio"
        case .srt: "srt"
        case .csv: "csv"
        case .html: "storyboard.html"
        case .sheet: "contact.png"
        }
    }

    /// The cut list's text; nil for `sheet`, which is an image. `edlFlavor` applies to the
    /// EDL, `thumbnails` (shot ID → image URL: a `data:` URI or a path relative to the page)
    /// to the storyboard page, and so do `qcNotes` (each segment's quality-control verdict, each
    /// shot's take ranking), `drafts` (the segments made as drafts in a `--quality` build) and
    /// `reviews` (shot ID → its status and notes in the review file).
    public func render(
        _ timeline: Timeline, edlFlavor: EDLFlavor = .resolve, thumbnails: [ShotID: String] = [:],
        qcNotes: QCNotes = QCNotes(), drafts: Set<SegmentID> = [], reviews: [ShotID: ShotReviewMarks] = [:]
    ) -> String? {
        switch self {
        case .edl: EDLWriter.render(timeline, flavor: edlFlavor)
        case .fcp7: FCP7XMLWriter.render(timeline)
        case .fcpxml: FCPXMLWriter.render(timeline)
        case .otio: OTIOWriter.render(timeline)
        case .srt: SRTWriter.render(timeline)
        case .csv: CSVShotList.render(timeline)
        case .html: StoryboardHTML.render(timeline, thumbnails: thumbnails, qcNotes: qcNotes, drafts: drafts, reviews: reviews)
        case .sheet: nil
        }
    }
}

/// One element of a scene, in script order.
public enum Element: Hashable, Sendable {
    case action(Action)
    case shot(ShotLine)
    case dialogue(Dialogue)
    case transition(Transition)
    case centered(Centered)
    case lyrics(Lyrics)
    case note(Note)
    case annotation(Annotation)
    case pageBreak(PageBreak)
    case section(Section)
    case synopsis(Synopsis)

    /// The element's `type` string in the JSON form.
    public var typeName: String {
        switch self {
        case .action: "action"
        case .shot: "shot"
        case .dialogue: "dialogue"
        case .transition: "transition"
        case .centered: "centered"
        case .lyrics: "lyrics"
        case .note: "note"
        case .annotation: "annotation"
        case .pageBreak: "pageBreak"
        case .section: "section"
        case .synopsis: "synopsis"
        }
    }

    public var range: SourceRange {
        switch self {
        case .action(let e): e.range
        case .shot(let e): e.range
        case .dialogue(let e): e.range
        case .transition(let e): e.range
        case .centered(let e): e.range
        case .lyrics(let e): e.range
        case .note(let e): e.range
        case .annotation(let e): e.range
        case .pageBreak(let e): e.range
        case .section(let e): e.range
        case .synopsis(let e): e.range
        }
    }
}

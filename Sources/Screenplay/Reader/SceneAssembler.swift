/// Groups the reader's headings and elements into scenes as they are read: scene 0 for what
/// precedes the first heading, then one scene per heading. Annotations written just before a
/// heading apply to what follows them, so they move into the heading's scene.
struct SceneAssembler {
    private let bodyStart: SourceLocation
    /// The scenes before the current one.
    private var finished: [Scene] = []
    /// The current scene, in parts, so an element is moved into its array, not copied.
    private var heading: SceneHeading?
    private var elements: [Element] = []
    private var range: SourceRange

    init(bodyStart: SourceLocation) {
        self.bodyStart = bodyStart
        range = SourceRange(start: bodyStart, end: bodyStart)
    }

    /// Every scene, the current one last.
    var scenes: [Scene] { finished + [Scene(heading: heading, elements: elements, range: range)] }

    /// Ends the current scene and starts the heading's.
    mutating func add(_ heading: consuming SceneHeading) {
        var moved: [Element] = []
        var start = heading.range.start
        while case .annotation(let annotation)? = elements.last {
            elements.removeLast()
            moved.insert(.annotation(annotation), at: 0)
            start = annotation.range.start
        }
        if let end = elements.last?.range.end ?? self.heading?.range.end {
            range.end = end
        } else {
            range = SourceRange(start: bodyStart, end: bodyStart)
        }
        let headingRange = heading.range
        finished.append(Scene(heading: self.heading, elements: elements, range: range))
        self.heading = heading
        elements = moved
        range = SourceRange(start: start, end: headingRange.end)
    }

    /// Adds an element to the current scene.
    mutating func add(_ element: consuming Element) {
        let elementRange = element.range
        if elements.isEmpty && heading == nil {
            range.start = elementRange.start
        }
        if elementRange.end.offset > range.end.offset {
            range.end = elementRange.end
        }
        elements.append(element)
    }

    /// Marks the dialogue just read dual, looking back past notes and annotations; false
    /// when another element or the scene's start comes first.
    mutating func markLastDialogueDual() -> Bool {
        for position in elements.indices.reversed() {
            switch elements[position] {
            case .note, .annotation:
                continue
            case .dialogue(var previous):
                previous.dual = true
                elements[position] = .dialogue(previous)
                return true
            default:
                return false
            }
        }
        return false
    }
}

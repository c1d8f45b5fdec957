/// Groups the reader's headings and elements into scenes as they are read: scene 0 for what
/// precedes the first heading, then one scene per heading. Annotations written just before a
/// heading apply to what follows them, so they move into the heading's scene.
struct SceneAssembler {
    private let bodyStart: SourceLocation
    private(set) var scenes: [Scene]

    init(bodyStart: SourceLocation) {
        self.bodyStart = bodyStart
        scenes = [Scene(heading: nil, elements: [], range: SourceRange(start: bodyStart, end: bodyStart))]
    }

    /// Ends the current scene and starts the heading's.
    mutating func add(_ heading: SceneHeading) {
        var scene = Scene(heading: heading, elements: [], range: heading.range)
        let last = scenes.count - 1
        while case .annotation(let annotation)? = scenes[last].elements.last {
            scenes[last].elements.removeLast()
            scene.elements.insert(.annotation(annotation), at: 0)
            scene.range.start = annotation.range.start
        }
        if let end = scenes[last].elements.last?.range.end ?? scenes[last].heading?.range.end {
            scenes[last].range.end = end
        } else {
            scenes[last].range = SourceRange(start: bodyStart, end: bodyStart)
        }
        scenes.append(scene)
    }

    /// Adds an element to the current scene.
    mutating func add(_ element: Element) {
        let last = scenes.count - 1
        let range = element.range
        if scenes[last].elements.isEmpty && scenes[last].heading == nil {
            scenes[last].range.start = range.start
        }
        if range.end.offset > scenes[last].range.end.offset {
            scenes[last].range.end = range.end
        }
        scenes[last].elements.append(element)
    }

    /// Marks the dialogue just read dual, looking back past notes and annotations; false
    /// when another element or the scene's start comes first.
    mutating func markLastDialogueDual() -> Bool {
        let last = scenes.count - 1
        for position in scenes[last].elements.indices.reversed() {
            switch scenes[last].elements[position] {
            case .note, .annotation:
                continue
            case .dialogue(var previous):
                previous.dual = true
                scenes[last].elements[position] = .dialogue(previous)
                return true
            default:
                return false
            }
        }
        return false
    }
}

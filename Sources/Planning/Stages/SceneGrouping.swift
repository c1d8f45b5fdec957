import Screenplay

/// Something in a plan scene's stream: a screenplay element, or a forced non-INT/EXT
/// heading (`.SNIPER SCOPE POV`), which names a new shot in the current place.
enum SceneItem: Sendable {
    case element(Element)
    case shotHeading(SceneHeading)

    /// Whether this is an annotation (`[[shot: …]]`), the only item the breakdown warns about.
    var isAnnotation: Bool {
        if case .element(.annotation) = self { true } else { false }
    }
}

/// A plan scene before breakdown: a real place and time with its items in script order.
struct SceneSource: Sendable {
    /// The scene number (see `PlanScene.number`).
    var number: String
    /// The heading, nil for scene 0.
    var heading: SceneHeading?
    var items: [SceneItem]
    var range: SourceRange

    var location: String { heading?.location ?? "" }
}

/// Groups the reader's scenes into plan scenes. A heading with an INT/EXT prefix (or any
/// unforced heading) starts a new scene numbered by the script's `#n#` or its ordinal among
/// such headings; a forced heading without a prefix joins the current scene as a shot, so
/// adding or removing one never renumbers other scenes.
enum SceneGrouping {
    static func group(_ screenplay: Screenplay) -> [SceneSource] {
        var sources: [SceneSource] = []
        var ordinal = 0
        for scene in screenplay.scenes {
            let items = scene.elements.map(SceneItem.element)
            guard let heading = scene.heading else {
                sources.append(SceneSource(number: "0", heading: nil, items: items, range: scene.range))
                continue
            }
            if heading.isShot, !sources.isEmpty {
                sources[sources.count - 1].items.append(.shotHeading(heading))
                sources[sources.count - 1].items += items
                sources[sources.count - 1].range.end = scene.range.end
                continue
            }
            ordinal += 1
            sources.append(SceneSource(number: heading.sceneNumber ?? String(ordinal), heading: heading,
                                       items: items, range: scene.range))
        }
        return sources
    }
}

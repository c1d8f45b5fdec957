/// Groups the reader's items into scenes: scene 0 for what precedes the first heading,
/// then one scene per heading. Annotations written just before a heading apply to what
/// follows them, so they move into the heading's scene.
enum SceneAssembler {
    static func scenes(from items: [BlockReader.Item], bodyStart: SourceLocation) -> [Scene] {
        var scenes: [Scene] = [Scene(heading: nil, elements: [], range: SourceRange(start: bodyStart, end: bodyStart))]
        for item in items {
            switch item {
            case .heading(let heading):
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
            case .element(let element):
                let last = scenes.count - 1
                if scenes[last].elements.isEmpty && scenes[last].heading == nil {
                    scenes[last].range.start = element.range.start
                }
                scenes[last].elements.append(element)
                if element.range.end.offset > scenes[last].range.end.offset {
                    scenes[last].range.end = element.range.end
                }
            }
        }
        return scenes
    }
}

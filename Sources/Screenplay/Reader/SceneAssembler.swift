/// Groups the reader's items into scenes: scene 0 for what precedes the first heading,
/// then one scene per heading.
enum SceneAssembler {
    static func scenes(from items: [BlockReader.Item], bodyStart: SourceLocation) -> [Scene] {
        var scenes: [Scene] = [Scene(heading: nil, elements: [], range: SourceRange(start: bodyStart, end: bodyStart))]
        for item in items {
            switch item {
            case .heading(let heading):
                scenes.append(Scene(heading: heading, elements: [], range: heading.range))
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

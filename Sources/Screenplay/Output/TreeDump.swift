/// A readable dump of the tree, one node a line with its `@line:col-line:col` range —
/// what `animatic parse` prints and what the golden tests compare.
public enum TreeDump {
    public static func dump(_ screenplay: Screenplay) -> String {
        var out = "Screenplay\n"
        if !screenplay.titlePage.isEmpty {
            out += "  TitlePage\n"
            for entry in screenplay.titlePage {
                out += "    Entry \(entry.range) \(quote(entry.key))"
                out += entry.values.map { " " + quote($0.markup) }.joined() + "\n"
            }
        }
        for (number, scene) in screenplay.scenes.enumerated() {
            out += "  Scene \(number) \(scene.range)\n"
            if let heading = scene.heading {
                out += "    " + line(heading) + "\n"
            }
            for element in scene.elements {
                out += lines(element).map { "    " + $0 + "\n" }.joined()
            }
        }
        return out
    }

    private static func line(_ heading: SceneHeading) -> String {
        var parts = ["Heading \(heading.range)", quote(heading.text)]
        if let setting = heading.setting { parts.append("setting=\(setting.rawValue)") }
        parts.append("location=\(quote(heading.location))")
        if let time = heading.timeOfDay { parts.append("time=\(quote(time))") }
        if let number = heading.sceneNumber { parts.append("number=\(quote(number))") }
        if heading.forced { parts.append("forced") }
        if heading.isShot { parts.append("shot") }
        return parts.joined(separator: " ")
    }

    private static func lines(_ element: Element) -> [String] {
        let range = element.range
        switch element {
        case .action(let action):
            return ["Action \(range)\(action.forced ? " forced" : "") \(quote(action.lines.map(\.markup).joined(separator: "\n")))"]
        case .shot(let shot):
            return ["Shot \(range) \(quote(shot.text.markup))"]
        case .dialogue(let dialogue):
            var head = "Dialogue \(range) character=\(quote(dialogue.character))"
            if !dialogue.extensions.isEmpty { head += " extensions=[\(dialogue.extensions.map(quote).joined(separator: ", "))]" }
            if dialogue.forced { head += " forced" }
            if dialogue.dual { head += " dual" }
            return [head] + dialogue.lines.map { line in
                switch line {
                case .text(let text, let range): "  Line \(range) \(quote(text.markup))"
                case .parenthetical(let text, let range): "  Parenthetical \(range) \(quote(text))"
                }
            }
        case .transition(let transition):
            return ["Transition \(range)\(transition.forced ? " forced" : "") \(quote(transition.text))"]
        case .centered(let centered):
            return ["Centered \(range) \(quote(centered.lines.map(\.markup).joined(separator: "\n")))"]
        case .lyrics(let lyrics):
            return ["Lyrics \(range) \(quote(lyrics.lines.map(\.markup).joined(separator: "\n")))"]
        case .note(let note):
            return ["Note \(range)\(note.inline ? " inline" : "") \(quote(note.text))"]
        case .annotation(let annotation):
            return ["Annotation \(range)" + fields(annotation).map { " " + $0 }.joined()]
        case .pageBreak:
            return ["PageBreak \(range)"]
        case .section(let section):
            return ["Section \(range) level=\(section.level) \(quote(section.text))"]
        case .synopsis(let synopsis):
            return ["Synopsis \(range) \(quote(synopsis.text))"]
        }
    }

    /// `key=value@range` for each value given, in `AnnotationKey` order.
    private static func fields(_ annotation: Annotation) -> [String] {
        annotation.orderedFields.map { key, field in
            let value = switch field.value {
            case .text(let text): quote(text)
            case .duration(.milliseconds(let milliseconds)): "\(milliseconds)ms"
            case .duration(.frames(let frames)): "\(frames)f"
            case .integer(let number): "\(number)"
            }
            return "\(key.rawValue)=\(value)\(field.range)"
        }
    }

    /// A double-quoted string with `\`, `"`, newlines and tabs escaped.
    static func quote(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}

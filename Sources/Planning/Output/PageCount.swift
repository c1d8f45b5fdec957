import Screenplay

/// How many printed pages a screenplay runs, estimated the way a page is laid out: action
/// wrapped at 61 columns, dialogue at 35, parentheticals at 26, a blank line between
/// elements, 55 lines a page (a Chinese character takes two columns). The title page, notes,
/// sections, synopses and annotations do not print.
public enum PageCount {
    public static let linesPerPage = 55

    /// The estimated printed lines of the script body.
    public static func lines(_ screenplay: Screenplay) -> Int {
        var lines = 0
        for scene in screenplay.scenes {
            if scene.heading != nil { lines += 2 }
            for element in scene.elements {
                switch element {
                case .action(let action): lines += action.lines.reduce(0) { $0 + wrapped($1.plain, 61) } + 1
                case .shot: lines += 2
                case .dialogue(let dialogue):
                    lines += 1 + dialogue.lines.reduce(0) { total, line in
                        switch line {
                        case .text(let text, _): total + wrapped(text.plain, 35)
                        case .parenthetical(let text, _): total + wrapped("(\(text))", 26)
                        }
                    } + 1
                case .transition: lines += 2
                case .centered(let centered): lines += centered.lines.count + 1
                case .lyrics(let lyrics): lines += lyrics.lines.reduce(0) { $0 + wrapped($1.plain, 35) } + 1
                case .pageBreak:
                    lines = (lines + linesPerPage - 1) / linesPerPage * linesPerPage
                case .note, .annotation, .section, .synopsis: break
                }
            }
        }
        return lines
    }

    /// The estimated page count, to a hundredth.
    public static func pages(_ screenplay: Screenplay) -> Double {
        Double(lines(screenplay)) / Double(linesPerPage)
    }

    /// Lines `text` takes wrapped at `width` columns, breaking at spaces (at least one).
    static func wrapped(_ text: String, _ width: Int) -> Int {
        var lines = 1
        var column = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let size = ShotListTable.width(String(word))
            if column > 0 && column + 1 + size > width {
                lines += 1
                column = 0
            }
            column += (column > 0 ? 1 : 0) + size
            while column > width {
                lines += 1
                column -= width
            }
        }
        return lines
    }
}

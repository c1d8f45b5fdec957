/// A framing as a person writes it in an annotation's `shot` value or a shot line:
/// `CU Anna`, `特写 安娜`, `OTS Bob on Anna`, `CLOSE ON THE LETTER`, `.SNIPER SCOPE POV`.
struct ShotSpec: Hashable, Sendable {
    /// The size named, if any.
    var size: ShotSize?
    /// Characters named, as their canonical cue names, subject first.
    var characters: [String]
    /// For an over-the-shoulder shot, whose shoulder the camera looks over.
    var foreground: String?
    /// What the shot is of when that is not (only) a character: `THE LETTER`, `A RIVER`.
    var subject: String?

    /// Reads `text`, matching names against `cast` (canonical cue names).
    init(_ text: String, cast: CastIndex) {
        let found = CameraTerms.size(in: text)
        size = found?.size
        var rest = found?.rest ?? TextMeasure.collapsingWhitespace(text)
        for prefix in ["ON ", "on ", "On ", "- "] where rest.hasPrefix(prefix) {
            rest = String(rest.dropFirst(prefix.count))
        }
        while let last = rest.last, ".,:;-".contains(last) { rest = String(rest.dropLast()) }
        rest = TextMeasure.collapsingWhitespace(rest)
        foreground = nil
        if size == .overTheShoulder, let split = ShotSpec.overTheShoulderSplit(rest) {
            let back = cast.characters(in: split.foreground)
            let front = cast.characters(in: split.subject)
            foreground = back.first
            characters = front + back.filter { !front.contains($0) }
            subject = front.isEmpty ? split.subject : nil
            return
        }
        characters = cast.characters(in: rest)
        subject = rest.isEmpty || cast.isOnlyNames(rest) ? nil : rest
    }

    /// `Bob on Anna` → (Bob, Anna); `鲍勃 对 安娜`, `鲍勃肩后看安娜` are read the same way.
    private static func overTheShoulderSplit(_ text: String) -> (foreground: String, subject: String)? {
        for separator in [" on ", " ON ", " to ", " onto ", " 对 ", "对", "看"] {
            if let range = TextMeasure.firstRange(ofText: separator, in: text) {
                let foreground = TextMeasure.collapsingWhitespace(text[..<range.lowerBound])
                let subject = TextMeasure.collapsingWhitespace(text[range.upperBound...])
                if !foreground.isEmpty && !subject.isEmpty { return (foreground, subject) }
            }
        }
        return nil
    }
}

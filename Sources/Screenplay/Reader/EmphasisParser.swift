/// Reads Fountain emphasis within one line into styled runs: `*italic*`, `**bold**`,
/// `***bold italic***`, `_underline_`, with `\*` and `\_` as literal characters.
///
/// A delimiter opens only before a non-blank character and closes only after one, and
/// only delimiters that find a partner style text; a lone `*` stays an asterisk.
enum EmphasisParser {
    private enum Token {
        case text(String)
        case delimiter(Kind, literal: String, canOpen: Bool, canClose: Bool)
    }

    private enum Kind: CaseIterable {
        case italic, bold, boldItalic, underline

        var style: Emphasis {
            switch self {
            case .italic: .italic
            case .bold: .bold
            case .boldItalic: [.bold, .italic]
            case .underline: .underline
            }
        }
    }

    static func parse<S: StringProtocol>(_ line: S) -> StyledText {
        let isMarkup = { (byte: UInt8) in byte == 0x2A || byte == 0x5F || byte == 0x5C }   // * _ \
        let hasMarkup = line.utf8.withContiguousStorageIfAvailable { $0.contains(where: isMarkup) }
            ?? line.utf8.contains(where: isMarkup)
        if !hasMarkup {
            return StyledText(stringLiteral: String(line))
        }
        let tokens = tokenize(Array(line.unicodeScalars))
        return StyledText(runs: buildRuns(tokens, pairs: pair(tokens)))
    }

    private static func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var text = String.UnicodeScalarView()
        func flush() {
            if !text.isEmpty { tokens.append(.text(String(text))); text = String.UnicodeScalarView() }
        }
        func isBlank(_ index: Int) -> Bool {
            index < 0 || index >= scalars.count || scalars[index] == " " || scalars[index] == "\t"
        }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count, scalars[index + 1] == "*" || scalars[index + 1] == "_" {
                text.append(scalars[index + 1])
                index += 2
                continue
            }
            guard scalar == "*" || scalar == "_" else {
                text.append(scalar)
                index += 1
                continue
            }
            var end = index
            while end < scalars.count && scalars[end] == scalar { end += 1 }
            let length = end - index
            let literal = String(repeating: Character(scalar), count: length)
            let kind: Kind? = scalar == "_"
                ? (length == 1 ? .underline : nil)
                : (length == 1 ? .italic : length == 2 ? .bold : length == 3 ? .boldItalic : nil)
            if let kind {
                flush()
                tokens.append(.delimiter(kind, literal: literal,
                                         canOpen: !isBlank(end), canClose: !isBlank(index - 1)))
            } else {
                text.append(contentsOf: literal.unicodeScalars)
            }
            index = end
        }
        flush()
        return tokens
    }

    /// Token indexes of delimiters that found a partner, mapped to whether they open.
    private static func pair(_ tokens: [Token]) -> [Int: Bool] {
        var pairs: [Int: Bool] = [:]
        var open: [Kind: Int] = [:]
        for (index, token) in tokens.enumerated() {
            guard case .delimiter(let kind, _, let canOpen, let canClose) = token else { continue }
            if canClose, let opener = open[kind] {
                pairs[opener] = true
                pairs[index] = false
                open[kind] = nil
            } else if canOpen && open[kind] == nil {
                open[kind] = index
            }
        }
        return pairs
    }

    private static func buildRuns(_ tokens: [Token], pairs: [Int: Bool]) -> [TextRun] {
        var runs: [TextRun] = []
        var style = Emphasis()
        func append(_ text: String) {
            if let last = runs.last, last.style == style {
                runs[runs.count - 1].text += text
            } else {
                runs.append(TextRun(text, style: style))
            }
        }
        for (index, token) in tokens.enumerated() {
            switch token {
            case .text(let text):
                append(text)
            case .delimiter(let kind, let literal, _, _):
                if let opens = pairs[index] {
                    if opens { style.formUnion(kind.style) } else { style.subtract(kind.style) }
                } else {
                    append(literal)
                }
            }
        }
        return runs.filter { !$0.text.isEmpty }
    }
}

extension StyledText {
    /// The text written back in Fountain's emphasis markup. Styles open and close where
    /// they change, outermost first: `_underline_`, then `**bold**`, then `*italic*`.
    public var markup: String {
        let order: [(Emphasis, String)] = [(.underline, "_"), (.bold, "**"), (.italic, "*")]
        var out = ""
        var open: [(Emphasis, String)] = []
        for run in runs {
            // Close from the innermost until everything still open is wanted by this run.
            while let keep = open.firstIndex(where: { !run.style.contains($0.0) }) {
                while open.count > keep { out += open.removeLast().1 }
            }
            for (style, marker) in order where run.style.contains(style) && !open.contains(where: { $0.0 == style }) {
                out += marker
                open.append((style, marker))
            }
            out += run.text
        }
        while let last = open.popLast() { out += last.1 }
        return out
    }
}

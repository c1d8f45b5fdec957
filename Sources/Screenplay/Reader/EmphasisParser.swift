/// Reads Fountain emphasis within one line into styled runs: `*italic*`, `**bold**`,
/// `***bold italic***`, `_underline_`, with `\*` and `\_` as literal characters.
///
/// A delimiter opens only before a non-blank character and closes only after one, and
/// only delimiters that find a partner style text; a lone `*` stays an asterisk.
enum EmphasisParser {
    /// A piece of the line: text (a range of the text bytes, escapes resolved) or a run of
    /// `*` or `_` that may style text.
    private enum Token {
        case text(Range<Int>)
        case delimiter(Kind, byte: UInt8, length: Int, canOpen: Bool, canClose: Bool)
    }

    private enum Kind: Int {
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

    /// Reads the line by its UTF-8 bytes: every byte the rules look at (`*`, `_`, `\`, space,
    /// tab) is ASCII, and no byte of a longer scalar is below 0x80, so a byte test decides what
    /// the scalar test would, and text is cut only next to ASCII bytes.
    static func parse<S: StringProtocol>(_ line: S) -> StyledText {
        let isMarkup = { (byte: UInt8) in byte == 0x2A || byte == 0x5F || byte == 0x5C }   // * _ \
        let hasMarkup = line.utf8.withContiguousStorageIfAvailable { $0.contains(where: isMarkup) }
            ?? line.utf8.contains(where: isMarkup)
        if !hasMarkup {
            return StyledText(stringLiteral: String(line))
        }
        let input = Array(line.utf8)
        var text: [UInt8] = []
        let tokens = tokenize(input, text: &text)
        return StyledText(runs: buildRuns(tokens, text: text, pairs: pair(tokens)))
    }

    private static func tokenize(_ input: [UInt8], text: inout [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var textStart = 0
        func flush() {
            if text.count > textStart { tokens.append(.text(textStart..<text.count)); textStart = text.count }
        }
        func isBlank(_ index: Int) -> Bool {
            index < 0 || index >= input.count || input[index] == 0x20 || input[index] == 0x09
        }
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == 0x5C, index + 1 < input.count, input[index + 1] == 0x2A || input[index + 1] == 0x5F {
                text.append(input[index + 1])
                index += 2
                continue
            }
            guard byte == 0x2A || byte == 0x5F else {
                text.append(byte)
                index += 1
                continue
            }
            var end = index
            while end < input.count && input[end] == byte { end += 1 }
            let length = end - index
            let kind: Kind? = byte == 0x5F
                ? (length == 1 ? .underline : nil)
                : (length == 1 ? .italic : length == 2 ? .bold : length == 3 ? .boldItalic : nil)
            if let kind {
                flush()
                tokens.append(.delimiter(kind, byte: byte, length: length,
                                         canOpen: !isBlank(end), canClose: !isBlank(index - 1)))
            } else {
                text.append(contentsOf: repeatElement(byte, count: length))
            }
            index = end
        }
        flush()
        return tokens
    }

    /// For each token, whether it is a delimiter that found a partner and opens (true) or
    /// closes (false); nil for the rest.
    private static func pair(_ tokens: [Token]) -> [Bool?] {
        var pairs = [Bool?](repeating: nil, count: tokens.count)
        var open = [Int?](repeating: nil, count: 4)   // by kind
        for (index, token) in tokens.enumerated() {
            guard case .delimiter(let kind, _, _, let canOpen, let canClose) = token else { continue }
            if canClose, let opener = open[kind.rawValue] {
                pairs[opener] = true
                pairs[index] = false
                open[kind.rawValue] = nil
            } else if canOpen && open[kind.rawValue] == nil {
                open[kind.rawValue] = index
            }
        }
        return pairs
    }

    private static func buildRuns(_ tokens: [Token], text: [UInt8], pairs: [Bool?]) -> [TextRun] {
        var runs: [TextRun] = []
        var style = Emphasis()
        // The last run, kept as bytes while text of its style follows.
        var current: [UInt8] = []
        var currentStyle = Emphasis()
        func finishCurrent() {
            if !current.isEmpty { runs.append(TextRun(String(decoding: current, as: UTF8.self), style: currentStyle)) }
            current.removeAll(keepingCapacity: true)
        }
        func append(_ bytes: some Sequence<UInt8>) {
            if !current.isEmpty && currentStyle != style { finishCurrent() }
            if current.isEmpty { currentStyle = style }
            current.append(contentsOf: bytes)
        }
        for (index, token) in tokens.enumerated() {
            switch token {
            case .text(let range):
                append(text[range])
            case .delimiter(let kind, let byte, let length, _, _):
                if let opens = pairs[index] {
                    if opens { style.formUnion(kind.style) } else { style.subtract(kind.style) }
                } else {
                    append(repeatElement(byte, count: length))
                }
            }
        }
        finishCurrent()
        return runs
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

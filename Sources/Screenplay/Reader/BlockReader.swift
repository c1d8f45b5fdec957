/// Classifies the body's lines into headings and elements, Fountain 1.1's rules in order:
/// page break, section, synopsis, lyrics, centered, forced transition, forced heading,
/// forced action, heading, transition, character cue, and action (a one-line uppercase
/// action paragraph is a shot line).
///
/// Lines holding only notes are transparent to the blank-line rules: they become note or
/// annotation elements where they stand (after the block, inside dialogue) and split
/// action paragraphs, since an annotation names the shot that follows it.
struct BlockReader {
    private let source: SourceText
    private let table: LineTable
    private let lines: [LogicalLine]
    /// The bytes the lines point into.
    private let bytes: [UInt8]
    private let bodyStart: Int
    /// The scenes, built as the lines are read.
    private(set) var assembler: SceneAssembler
    private(set) var diagnostics: [Diagnostic] = []

    /// `bodyLocation` is where line `bodyStart` begins: scene 0's range while it is empty.
    init(source: SourceText, table: LineTable, bodyStart: Int, bodyLocation: SourceLocation) {
        self.source = source
        self.table = table
        lines = table.lines
        bytes = table.bytes
        self.bodyStart = bodyStart
        assembler = SceneAssembler(bodyStart: bodyLocation)
    }

    mutating func read() {
        var index = bodyStart
        while index < lines.count {
            let line = lines[index]
            if line.isBlank {
                index += 1
            } else if line.isNoteOnly {
                emitNotes(startingOn: line, inline: false)
                index += 1
            } else {
                index = readElement(at: index)
            }
        }
    }

    // MARK: Element starts

    /// Reads the element starting at `index`; returns the index after it.
    private mutating func readElement(at index: Int) -> Int {
        let line = lines[index]
        guard line.trimStart < line.trimEnd else { return index + 1 }
        // The first scalar is one of these ASCII characters exactly when the first byte is.
        switch bytes[line.trimStart] {
        case 0x3D, 0x23, 0x7E, 0x3E, 0x2E, 0x21, 0x40:   // = # ~ > . ! @
            if let next = readMarkedElement(at: index) { return next }
        default:
            break
        }

        let blankBefore = previousIsBlank(index)
        let blankAfter = nextIsBlank(index)
        if blankBefore, headingPrefix(line) {
            if blankAfter {
                let range = range(index, index)
                assembler.add(line.isASCII
                    ? HeadingRules.heading(ascii: bytes, line.trimStart, line.trimEnd, forced: false, range: range)
                    : HeadingRules.heading(table.trimmed(line), forced: false, range: range))
                emitNotes(startingOn: line, inline: true)
                return index + 1
            }
            warnHeadingLike(index, missing: "after")
            return readAction(from: index, forced: false)
        }
        if blankBefore && blankAfter && isTransition(line) {
            return single(index, .transition(Transition(text: String(table.trimmed(line)), forced: false,
                                                        range: range(index, index))))
        }
        if blankBefore && !blankAfter, let cue = cue(line) {
            return readDialogue(cue, at: index)
        }
        return readAction(from: index, forced: false)
    }

    /// Reads the element starting at `index` whose first character marks its kind (a page
    /// break, section, synopsis, lyrics, centered text, a forced transition, heading, action
    /// or cue); nil when the line is none of these after all.
    private mutating func readMarkedElement(at index: Int) -> Int? {
        let line = lines[index]
        let trimmed = table.trimmed(line)
        // By its first character, as every rule below reads the line: a mark joined to the
        // marker (`~\u{301}`, `#\u{301}`) makes another character, and the line none of these.
        guard let first = trimmed.first else { return index + 1 }

        switch first {
        case "=" where trimmed.count >= 3 && trimmed.allSatisfy({ $0 == "=" }):
            return single(index, .pageBreak(PageBreak(range: range(index, index))))
        case "#":
            let level = trimmed.prefix { $0 == "#" }.count
            var text = trimmed.dropFirst(level).trimmingBlanks()
            while text.hasSuffix("#") { text = text.dropLast() }
            return single(index, .section(Section(level: level, text: String(text.trimmingBlanks()),
                                                  range: range(index, index))))
        case "=":
            return single(index, .synopsis(Synopsis(text: String(trimmed.dropFirst().trimmingBlanks()),
                                                    range: range(index, index))))
        case "~":
            return readRun(from: index, where: { $0.hasPrefix("~") }) { lines, range in
                .lyrics(Lyrics(lines: lines.map { EmphasisParser.parse($0.dropFirst().trimmingBlanks()) }, range: range))
            }
        case ">" where isCentered(trimmed):
            return readRun(from: index, where: isCentered) { lines, range in
                .centered(Centered(lines: lines.map { EmphasisParser.parse($0.dropFirst().dropLast().trimmingBlanks()) },
                                   range: range))
            }
        case ">":
            return single(index, .transition(Transition(text: String(trimmed.dropFirst().trimmingBlanks()),
                                                        forced: true, range: range(index, index))))
        case "." where isForcedHeading(trimmed):
            assembler.add(HeadingRules.heading(trimmed, forced: true, range: range(index, index)))
            emitNotes(startingOn: line, inline: true)
            return index + 1
        case "!":
            return readAction(from: index, forced: true)
        case "@":
            if let cue = cue(line), !nextIsBlank(index) {
                return readDialogue(cue, at: index)
            }
            return readAction(from: index, forced: false)
        default:
            return nil
        }
    }

    // MARK: Multi-line elements

    private mutating func readAction(from start: Int, forced: Bool) -> Int {
        var end = start + 1
        while end < lines.count {
            let line = lines[end]
            if line.isBlank || line.isNoteOnly || breaksParagraph(line) { break }
            if headingPrefix(line) && nextIsBlank(end) {
                warnHeadingLike(end, missing: "before")
            }
            end += 1
        }
        let range = self.range(start, end - 1)
        let first = lines[start]
        if end == start + 1 && !forced && isUppercaseWithLetter(first) {
            assembler.add(.shot(ShotLine(text: styledTrimmed(first), range: range)))
        } else {
            var texts: [StyledText] = []
            texts.reserveCapacity(end - start)
            for index in start..<end {
                texts.append(actionText(lines[index], dropsForcing: index == start && forced))
            }
            assembler.add(.action(Action(lines: texts, forced: forced, range: range)))
        }
        // The lines' notes are consecutive in the table.
        emit(table.notes[lines[start].notes.lowerBound..<lines[end - 1].notes.upperBound], inline: true)
        return end
    }

    /// An action line's text: without trailing blanks (and without the forcing `!` and the
    /// blanks before it), tabs expanded.
    private func actionText(_ line: LogicalLine, dropsForcing: Bool) -> StyledText {
        guard line.isASCII else {
            var text = Substring(table.text(line))
            if dropsForcing {
                text = text.trimmingLeadingBlanks().dropFirst()
            }
            text = trimmingTrailingBlanks(text)
            return styled(line.hasTab ? expandTabs(text) : text, on: line)
        }
        let start = dropsForcing ? line.trimStart + 1 : line.start
        let end = max(start, line.trimEnd)
        guard line.hasTab else { return styled(start, end, on: line) }
        var expanded: [UInt8] = []
        expanded.reserveCapacity(end - start + 16)
        for byte in bytes[start..<end] {
            if byte == 0x09 { expanded += [0x20, 0x20, 0x20, 0x20] } else { expanded.append(byte) }
        }
        let text = String(decoding: expanded, as: UTF8.self)
        return line.hasMarkup ? EmphasisParser.parse(text) : StyledText(stringLiteral: text)
    }

    private mutating func readDialogue(_ cue: CueRules.Cue, at start: Int) -> Int {
        var dialogueLines: [DialogueLine] = []
        dialogueLines.reserveCapacity(dialogueLength(after: start))
        var notes = Array(table.notes[lines[start].notes])
        var ownLineNotes: [MaskedSpan] = []
        var end = start + 1
        var last = start
        while end < lines.count {
            let line = lines[end]
            if line.isNoteOnly {
                ownLineNotes += table.notes[line.notes]
                end += 1
                continue
            }
            if line.isBlank {
                guard line.isTwoSpaces, end + 1 < lines.count, !lines[end + 1].isBlank else { break }
                dialogueLines.append(.text("", range(end, end)))
                last = end
                end += 1
                continue
            }
            dialogueLines.append(dialogueLine(line, range: range(end, end)))
            notes += table.notes[line.notes]
            last = end
            end += 1
        }
        if cue.dual {
            markPreviousDialogueDual(cueIndex: start)
        }
        let dialogue = Dialogue(character: cue.name, extensions: cue.extensions, forced: cue.forced, dual: cue.dual,
                                lines: dialogueLines, cueRange: range(start, start), range: range(start, last))
        assembler.add(.dialogue(dialogue))
        emit(notes, inline: true)
        emit(ownLineNotes, inline: false)
        return end
    }

    /// A spoken line or a parenthetical, `(beat)` or `（停顿）`.
    private func dialogueLine(_ line: LogicalLine, range: SourceRange) -> DialogueLine {
        guard line.isASCII else {
            let trimmed = table.trimmed(line)
            if (trimmed.hasPrefixCharacter("(") && trimmed.hasSuffixCharacter(")"))
                || (trimmed.hasPrefixCharacter("（") && trimmed.hasSuffixCharacter("）")) {
                return .parenthetical(String(trimmed.dropFirst().dropLast().trimmingBlanks()), range)
            }
            return .text(styled(trimmed, on: line), range)
        }
        // A trimmed line is not empty here; one byte cannot be both parentheses.
        if bytes[line.trimStart] == 0x28 && bytes[line.trimEnd - 1] == 0x29 {
            let inner = ASCIIText.trimmingBlanks(bytes, line.trimStart + 1, line.trimEnd - 1)
            return .parenthetical(table.string(inner.start, inner.end), range)
        }
        return .text(styledTrimmed(line), range)
    }

    /// How many lines after line `cue` its dialogue spans, by the rule `readDialogue` ends it
    /// by: a bound on its dialogue lines, so their array is allocated once. It looks no
    /// further than the dialogue, so the cost stays linear.
    private func dialogueLength(after cue: Int) -> Int {
        var end = cue + 1
        while end < lines.count {
            if lines[end].isBlank {
                guard lines[end].isTwoSpaces, end + 1 < lines.count, !lines[end + 1].isBlank else { break }
            }
            end += 1
        }
        return end - cue - 1
    }

    /// Consecutive lines matching `belongs` (lyrics, centered) form one element.
    private mutating func readRun(from start: Int, where belongs: (Substring) -> Bool,
                                  make: ([Substring], SourceRange) -> Element) -> Int {
        var end = start
        var texts: [Substring] = []
        var notes: [MaskedSpan] = []
        while end < lines.count, !lines[end].isBlank, !lines[end].isNoteOnly {
            let trimmed = table.trimmed(lines[end])
            guard belongs(trimmed) else { break }
            texts.append(trimmed)
            notes += table.notes[lines[end].notes]
            end += 1
        }
        assembler.add(make(texts, range(start, end - 1)))
        emit(notes, inline: true)
        return end
    }

    private mutating func single(_ index: Int, _ element: Element) -> Int {
        assembler.add(element)
        emitNotes(startingOn: lines[index], inline: true)
        return index + 1
    }

    // MARK: Rules

    /// `.` followed by a letter or digit; `...` is not a heading.
    private func isForcedHeading(_ trimmed: Substring) -> Bool {
        guard let second = trimmed.dropFirst().first else { return false }
        return second.isLetter || second.isNumber
    }

    private func isCentered(_ trimmed: Substring) -> Bool {
        trimmed.count >= 2 && trimmed.hasPrefix(">") && trimmed.hasSuffix("<")
    }

    /// Uppercase, ending in `TO:` with nothing after it (a trailing space makes it action).
    private func isTransition(_ line: LogicalLine) -> Bool {
        guard line.isASCII else {
            let text = table.text(line).trimmingLeadingBlanks()
            return text.hasASCIISuffix("TO:") && text.isUppercaseWithLetter
        }
        return ASCIIText.hasSuffix("TO:", bytes, line.trimStart, line.end)
            && ASCIIText.isUppercaseWithLetter(bytes, line.trimStart, line.end)
    }

    /// Lines that start an element of their own even without a blank line before them.
    private func breaksParagraph(_ line: LogicalLine) -> Bool {
        guard line.trimStart < line.trimEnd else { return false }
        switch bytes[line.trimStart] {
        case 0x23, 0x3D, 0x7E, 0x3E:   // # = ~ >
            // In ASCII the byte is the character; elsewhere a mark may join it.
            if line.isASCII { return true }
            guard let first = table.trimmed(line).first else { return false }
            return first == "#" || first == "=" || first == "~" || first == ">"
        default:
            return false
        }
    }

    /// Whether the line starts with a scene heading's prefix.
    private func headingPrefix(_ line: LogicalLine) -> Bool {
        line.isASCII ? HeadingRules.prefix(bytes, line.trimStart, line.trimEnd) != nil
            : HeadingRules.prefix(of: table.trimmed(line)) != nil
    }

    private func cue(_ line: LogicalLine) -> CueRules.Cue? {
        line.isASCII ? CueRules.cue(ascii: bytes, line.trimStart, line.trimEnd) : CueRules.cue(table.trimmed(line))
    }

    private func isUppercaseWithLetter(_ line: LogicalLine) -> Bool {
        line.isASCII ? ASCIIText.isUppercaseWithLetter(bytes, line.trimStart, line.trimEnd)
            : table.trimmed(line).isUppercaseWithLetter
    }

    private func previousIsBlank(_ index: Int) -> Bool {
        var probe = index - 1
        while probe >= bodyStart {
            if !lines[probe].isNoteOnly { return lines[probe].isBlank }
            probe -= 1
        }
        return true
    }

    private func nextIsBlank(_ index: Int) -> Bool {
        var probe = index + 1
        while probe < lines.count {
            if !lines[probe].isNoteOnly { return lines[probe].isBlank }
            probe += 1
        }
        return true
    }

    // MARK: Output helpers

    private mutating func markPreviousDialogueDual(cueIndex: Int) {
        if assembler.markLastDialogueDual() { return }
        diagnostics.append(Diagnostic(
            .warning, "'^' marks dual dialogue, but no dialogue comes right before this cue",
            at: range(cueIndex, cueIndex)))
    }

    private mutating func warnHeadingLike(_ index: Int, missing side: String) {
        let text = table.trimmed(lines[index])
        diagnostics.append(Diagnostic(
            .warning, "'\(text)' looks like a scene heading but has no blank line \(side) it; it is read as action",
            at: range(index, index),
            note: "add a blank line \(side) it, or start it with '.' to force a heading"))
    }

    private mutating func emitNotes(startingOn line: LogicalLine, inline: Bool) {
        emit(table.notes[line.notes], inline: inline)
    }

    private mutating func emit(_ notes: some Collection<MaskedSpan>, inline: Bool) {
        for note in notes {
            if !inline, let annotation = AnnotationParser.parse(note, in: source, diagnostics: &diagnostics) {
                assembler.add(.annotation(annotation))
            } else {
                let text = String(source.string(note.bodyStart, note.bodyEnd).trimmingWhitespace())
                assembler.add(.note(Note(text: text, inline: inline, range: source.range(note.start, note.end))))
            }
        }
    }

    /// From the first visible byte of line `first` to the end of the last visible byte of line `last`.
    private func range(_ first: Int, _ last: Int) -> SourceRange {
        SourceRange(start: source.location(lines[first].contentStart, lineIndex: first),
                    end: source.location(lines[last].contentEnd, lineIndex: last))
    }

    /// `text`, a part of `line`, as styled text; a line without markup bytes skips the parser.
    private func styled(_ text: Substring, on line: LogicalLine) -> StyledText {
        line.hasMarkup ? EmphasisParser.parse(text) : StyledText(stringLiteral: String(text))
    }

    /// `bytes[start..<end]`, a part of `line`, as styled text.
    private func styled(_ start: Int, _ end: Int, on line: LogicalLine) -> StyledText {
        let text = table.string(start, end)
        return line.hasMarkup ? EmphasisParser.parse(text) : StyledText(stringLiteral: text)
    }

    /// The trimmed line as styled text.
    private func styledTrimmed(_ line: LogicalLine) -> StyledText {
        line.isASCII ? styled(line.trimStart, line.trimEnd, on: line) : styled(table.trimmed(line), on: line)
    }

    /// Without trailing space and tab characters. Trimmed by bytes, as each blank after an
    /// ASCII byte is a character of its own; a blank run after a non-ASCII scalar (which a
    /// prepended mark could join) is trimmed character by character.
    private func trimmingTrailingBlanks(_ text: Substring) -> Substring {
        let bytes = text.utf8
        var end = bytes.endIndex
        while end > bytes.startIndex {
            let before = bytes.index(before: end)
            guard bytes[before] == 0x20 || bytes[before] == 0x09 else { break }
            end = before
        }
        if end < bytes.endIndex && end > bytes.startIndex && bytes[bytes.index(before: end)] >= 0x80 {
            return trimmingTrailingBlankCharacters(text)
        }
        return text[..<end]
    }

    private func trimmingTrailingBlankCharacters(_ text: Substring) -> Substring {
        var end = text.endIndex
        while end > text.startIndex {
            let before = text.index(before: end)
            guard text[before] == " " || text[before] == "\t" else { break }
            end = before
        }
        return text[..<end]
    }

    /// Tabs in action become four spaces, so indentation survives in every output.
    private func expandTabs(_ text: Substring) -> Substring {
        guard text.utf8.contains(0x09) else { return text }
        return Substring(text.split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    "))
    }
}

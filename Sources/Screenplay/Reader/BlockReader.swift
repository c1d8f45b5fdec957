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
    private let lines: [LogicalLine]
    private let bodyStart: Int
    /// The scenes, built as the lines are read.
    private(set) var assembler: SceneAssembler
    private(set) var diagnostics: [Diagnostic] = []

    /// `bodyLocation` is where line `bodyStart` begins: scene 0's range while it is empty.
    init(source: SourceText, lines: [LogicalLine], bodyStart: Int, bodyLocation: SourceLocation) {
        self.source = source
        self.lines = lines
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
        let trimmed = line.trimmed
        guard let first = trimmed.unicodeScalars.first else { return index + 1 }

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
            if let cue = CueRules.cue(trimmed), !nextIsBlank(index) {
                return readDialogue(cue, at: index)
            }
            return readAction(from: index, forced: false)
        default:
            break
        }

        let blankBefore = previousIsBlank(index)
        let blankAfter = nextIsBlank(index)
        if blankBefore, HeadingRules.prefix(of: trimmed) != nil {
            if blankAfter {
                assembler.add(HeadingRules.heading(trimmed, forced: false, range: range(index, index)))
                emitNotes(startingOn: line, inline: true)
                return index + 1
            }
            warnHeadingLike(index, missing: "after")
            return readAction(from: index, forced: false)
        }
        if blankBefore && blankAfter && isTransition(line) {
            return single(index, .transition(Transition(text: String(trimmed), forced: false, range: range(index, index))))
        }
        if blankBefore && !blankAfter, let cue = CueRules.cue(trimmed) {
            return readDialogue(cue, at: index)
        }
        return readAction(from: index, forced: false)
    }

    // MARK: Multi-line elements

    private mutating func readAction(from start: Int, forced: Bool) -> Int {
        var end = start
        var texts: [StyledText] = []
        var notes: [MaskedSpan] = []
        while end < lines.count {
            let line = lines[end]
            if line.isBlank || line.isNoteOnly { break }
            if end > start {
                if breaksParagraph(line) { break }
                if HeadingRules.prefix(of: line.trimmed) != nil && nextIsBlank(end) {
                    warnHeadingLike(end, missing: "before")
                }
            }
            var text = Substring(line.text)
            if end == start && forced {
                text = text.trimmingLeadingBlanks().dropFirst()
            }
            text = trimmingTrailingBlanks(text)
            texts.append(styled(line.hasTab ? expandTabs(text) : text, on: line))
            notes += line.notes
            end += 1
        }
        let range = self.range(start, end - 1)
        if texts.count == 1 && !forced && lines[start].trimmed.isUppercaseWithLetter {
            assembler.add(.shot(ShotLine(text: styled(lines[start].trimmed, on: lines[start]), range: range)))
        } else {
            assembler.add(.action(Action(lines: texts, forced: forced, range: range)))
        }
        emit(notes, inline: true)
        return end
    }

    private mutating func readDialogue(_ cue: CueRules.Cue, at start: Int) -> Int {
        var dialogueLines: [DialogueLine] = []
        var notes = lines[start].notes
        var ownLineNotes: [MaskedSpan] = []
        var end = start + 1
        var last = start
        while end < lines.count {
            let line = lines[end]
            if line.isNoteOnly {
                ownLineNotes += line.notes
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
            let trimmed = line.trimmed
            if (trimmed.hasPrefixCharacter("(") && trimmed.hasSuffixCharacter(")"))
                || (trimmed.hasPrefixCharacter("（") && trimmed.hasSuffixCharacter("）")) {
                dialogueLines.append(.parenthetical(String(trimmed.dropFirst().dropLast().trimmingBlanks()),
                                                    range(end, end)))
            } else {
                dialogueLines.append(.text(styled(trimmed, on: line), range(end, end)))
            }
            notes += line.notes
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

    /// Consecutive lines matching `belongs` (lyrics, centered) form one element.
    private mutating func readRun(from start: Int, where belongs: (Substring) -> Bool,
                                  make: ([Substring], SourceRange) -> Element) -> Int {
        var end = start
        var texts: [Substring] = []
        var notes: [MaskedSpan] = []
        while end < lines.count, !lines[end].isBlank, !lines[end].isNoteOnly, belongs(lines[end].trimmed) {
            texts.append(lines[end].trimmed)
            notes += lines[end].notes
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
        let text = line.text.trimmingLeadingBlanks()
        return text.hasASCIISuffix("TO:") && text.isUppercaseWithLetter
    }

    /// Lines that start an element of their own even without a blank line before them.
    private func breaksParagraph(_ line: LogicalLine) -> Bool {
        let trimmed = line.trimmed
        guard let first = trimmed.first else { return false }
        return first == "#" || first == "=" || first == "~" || first == ">"
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
        let text = lines[index].trimmed
        diagnostics.append(Diagnostic(
            .warning, "'\(text)' looks like a scene heading but has no blank line \(side) it; it is read as action",
            at: range(index, index),
            note: "add a blank line \(side) it, or start it with '.' to force a heading"))
    }

    private mutating func emitNotes(startingOn line: LogicalLine, inline: Bool) {
        emit(line.notes, inline: inline)
    }

    private mutating func emit(_ notes: [MaskedSpan], inline: Bool) {
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

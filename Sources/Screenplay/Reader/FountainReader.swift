/// Reads Fountain 1.1 (with animatic's annotations and shot lines) into a `Screenplay`.
///
/// It never throws and never crashes on bad text: whatever the bytes, it returns a tree
/// whose ranges all lie inside the input, plus diagnostics for what it had to guess.
public enum FountainReader {
    /// Parses a script given as bytes (any line endings, optional BOM, UTF-8 expected).
    public static func parse(_ bytes: [UInt8]) -> ParseResult {
        let source = SourceText(bytes)
        var diagnostics = EncodingCheck.diagnose(source)
        let spans = Masking.spans(in: source, diagnostics: &diagnostics)
        let table = LineTable(source, masking: spans)
        let (titlePage, bodyStart) = TitlePageReader.read(table, source)

        let bodyLocation = bodyStart < source.lines.count
            ? source.location(source.lines[bodyStart].start, lineIndex: bodyStart)
            : source.location(bytes.count)
        var reader = BlockReader(source: source, table: table, bodyStart: bodyStart, bodyLocation: bodyLocation)
        reader.read()
        diagnostics += reader.diagnostics
        let scenes = reader.assembler.scenes
        if scenes.count == 1 && scenes[0].elements.isEmpty {
            // An error, not a warning: a build of it would have nothing to film.
            diagnostics.append(Diagnostic(.error, "the script is empty: no scenes",
                                          at: source.range(source.contentStart, source.contentStart),
                                          note: "write a scene heading (INT. KITCHEN - NIGHT) and what happens in it"))
        }
        diagnostics.sort { $0.range.start.offset < $1.range.start.offset }   // stable: same-place order kept
        return ParseResult(screenplay: Screenplay(titlePage: titlePage, scenes: scenes), diagnostics: diagnostics)
    }

    /// Parses a script given as a string.
    public static func parse(_ text: String) -> ParseResult {
        parse(Array(text.utf8))
    }
}

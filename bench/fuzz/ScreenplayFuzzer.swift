// libFuzzer entry point for the Fountain reader. Compiled together with the Screenplay
// sources into one module by bench/fuzz/run.sh (swiftc -sanitize=fuzzer,address).
// The reader must never crash and every range must lie inside the input.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFountainReader(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let result = FountainReader.parse(bytes)
    func check(_ range: SourceRange) {
        precondition(range.start.offset >= 0 && range.start.offset <= range.end.offset && range.end.offset <= count,
                     "range \(range) outside the input of \(count) bytes")
    }
    for entry in result.screenplay.titlePage { check(entry.range) }
    for scene in result.screenplay.scenes {
        check(scene.range)
        if let heading = scene.heading { check(heading.range) }
        for element in scene.elements { check(element.range) }
    }
    for diagnostic in result.diagnostics { check(diagnostic.range) }
    return 0
}

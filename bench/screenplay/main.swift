// screenplay-bench: parses a script (default Big Fish from Tests/Fixtures/corpus) many times in
// a release build and compares the median with screenplain (the Python reference parser
// from the test venv) parsing the same file in the same run. With --memory N it instead
// parses N concatenated copies once and prints the peak resident set, so a driver can check
// that memory grows linearly with the input.
import Foundation
import Screenplay

struct Options {
    var file = "Tests/Fixtures/corpus/Big-Fish.fountain"
    var runs = 200
    var memoryCopies: Int?
    var python = ".venv/bin/python"

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--runs": runs = Int(iterator.next() ?? "") ?? runs
            case "--memory": memoryCopies = Int(iterator.next() ?? "")
            case "--python": python = iterator.next() ?? python
            default: file = argument
            }
        }
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

func peakResidentKilobytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss
}

/// screenplain's median parse time of `file` over `runs` runs, in milliseconds.
func screenplainMilliseconds(python: String, file: String, runs: Int) throws -> Double {
    let script = """
    import io, sys, time
    from screenplain.parsers import fountain
    text = open(sys.argv[1], encoding='utf-8').read()
    times = []
    for _ in range(int(sys.argv[2])):
        start = time.perf_counter()
        fountain.parse(io.StringIO(text))
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(times[len(times) // 2])
    """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script, file, String(runs)]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let value = Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    else { throw CocoaError(.executableLoad) }
    return value
}

let options = Options(CommandLine.arguments)
guard let data = FileManager.default.contents(atPath: options.file) else {
    FileHandle.standardError.write(Data("screenplay-bench: cannot read \(options.file)\n".utf8))
    exit(66)
}
let bytes = [UInt8](data)

if let copies = options.memoryCopies {
    var input: [UInt8] = []
    for _ in 0..<copies { input += bytes + Array("\n\n".utf8) }
    let before = peakResidentKilobytes()
    let result = FountainReader.parse(input)
    print("copies=\(copies) bytes=\(input.count) scenes=\(result.screenplay.scenes.count) peak_kb=\(peakResidentKilobytes()) baseline_kb=\(before)")
    exit(0)
}

var times: [Double] = []
var scenes = 0
for _ in 0..<options.runs {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = FountainReader.parse(bytes)
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    scenes = result.screenplay.scenes.count
}
let ours = median(times)
print(String(format: "animatic parse  %@: %d bytes, %d scenes, median %.2f ms, min %.2f ms over %d runs",
             (options.file as NSString).lastPathComponent, bytes.count, scenes - 1, ours, times.min() ?? 0, options.runs))
do {
    let theirs = try screenplainMilliseconds(python: options.python, file: options.file, runs: max(5, options.runs / 20))
    print(String(format: "screenplain parse: median %.2f ms; animatic is %.1fx faster", theirs, theirs / ours))
} catch {
    print("screenplain not available (run scripts/setup.sh): no reference figure")
}

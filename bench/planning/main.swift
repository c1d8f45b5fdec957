// planning-bench: parse and plan a script many times in one process and print the median,
// minimum and maximum wall time of each stage. Run a release build:
//   swift run -c release planning-bench Tests/Fixtures/corpus/Big-Fish.fountain
import Foundation
import Planning
import Screenplay

let arguments = CommandLine.arguments.dropFirst()
guard let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: planning-bench SCRIPT [RUNS]\n".utf8))
    exit(64)
}
let runs = arguments.dropFirst().first.flatMap { Int($0) } ?? 50
guard let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write(Data("planning-bench: cannot read \(path)\n".utf8))
    exit(66)
}
let bytes = [UInt8](data)

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

let clock = ContinuousClock()
var parseTimes: [Double] = []
var planTimes: [Double] = []
var totalTimes: [Double] = []
var shots = 0
for _ in 0..<runs {
    let start = clock.now
    let parsed = FountainReader.parse(bytes)
    let parsedAt = clock.now
    let result = Planner().plan(parsed.screenplay)
    let end = clock.now
    shots = result.plan.shots.count
    parseTimes.append(milliseconds(parsedAt - start))
    planTimes.append(milliseconds(end - parsedAt))
    totalTimes.append(milliseconds(end - start))
}

func summary(_ name: String, _ times: [Double]) -> String {
    let sorted = times.sorted()
    return String(format: "%@: median %.1f ms, min %.1f ms, max %.1f ms", name, sorted[sorted.count / 2], sorted[0], sorted[sorted.count - 1])
}
print("\(path): \(bytes.count) bytes, \(shots) shots, \(runs) runs")
print(summary("parse", parseTimes))
print(summary("plan", planTimes))
print(summary("parse+plan", totalTimes))

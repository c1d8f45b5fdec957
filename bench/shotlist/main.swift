// shotlist-bench: scores the planner's shot lists against the hand breakdowns of
// bench/shotlist-eval (written blind to the planner). For each scene: the longest common
// subsequence of size classes (wide / medium / close) between the planned shots and the
// hand breakdown, and the shot-count ratio; then both pooled over the set.
//   swift run -c release shotlist-bench [EVAL-DIR] [--animatic PATH] [--misses] [--corpus DIR]
// With --animatic, the shots come from `PATH plan SCENE --json` (any build, e.g. an older
// one), so two planners are compared by one scorer; without it, from the planner linked in.
// --misses prints each scene's alignment, planned shots against hand shots, where they part.
// --corpus profiles the scripts of DIR, which have no breakdowns: shots, running time and
// the mix of size classes, so a rule that helps the set is seen not to hurt whole films.
import Foundation
import Planning
import Screenplay

enum SizeClass: Character {
    case wide = "W", medium = "M", close = "C"

    /// A hand breakdown's class column.
    init?(hand: String) {
        switch hand {
        case "wide": self = .wide
        case "medium": self = .medium
        case "close": self = .close
        default: return nil
        }
    }

    /// A planned size, by its JSON name. A point of view sits at the medium mark, as it does
    /// on the planner's closeness scale.
    init?(planned size: String) {
        switch size {
        case "extremeWide", "wide": self = .wide
        case "mediumWide", "medium", "twoShot", "overTheShoulder", "pointOfView": self = .medium
        case "mediumCloseUp", "closeUp", "extremeCloseUp", "insert": self = .close
        default: return nil
        }
    }
}

func lcs<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
    guard !a.isEmpty, !b.isEmpty else { return 0 }
    var previous = [Int](repeating: 0, count: b.count + 1)
    for x in a {
        var current = [Int](repeating: 0, count: b.count + 1)
        for (j, y) in b.enumerated() { current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j]) }
        previous = current
    }
    return previous[b.count]
}

func fail(_ message: String, _ code: Int32) -> Never {
    FileHandle.standardError.write(Data("shotlist-bench: \(message)\n".utf8))
    exit(code)
}

var arguments = Array(CommandLine.arguments.dropFirst())
let animatic: String? = arguments.firstIndex(of: "--animatic").map { flag in
    guard flag + 1 < arguments.count else { fail("--animatic needs a path", 64) }
    defer { arguments.removeSubrange(flag...(flag + 1)) }
    return arguments[flag + 1]
}
let showMisses = arguments.contains("--misses")
arguments.removeAll { $0 == "--misses" }
let corpus: String? = arguments.firstIndex(of: "--corpus").map { flag in
    guard flag + 1 < arguments.count else { fail("--corpus needs a directory", 64) }
    defer { arguments.removeSubrange(flag...(flag + 1)) }
    return arguments[flag + 1]
}
let directory = URL(fileURLWithPath: arguments.first ?? "bench/shotlist-eval")

/// One planned shot as the scorer sees it.
struct PlannedShot {
    var id: String
    var size: String
    var text: String
    var frames: Int
}

/// The planned shots of a script.
func plannedShots(_ script: URL, animatic: String?) -> [PlannedShot] {
    guard let animatic else {
        guard let data = FileManager.default.contents(atPath: script.path) else { fail("cannot read \(script.path)", 66) }
        return Planner().plan(FountainReader.parse([UInt8](data)).screenplay).plan.shots.map {
            PlannedShot(id: $0.id.rawValue, size: $0.size.rawValue, text: $0.text, frames: $0.frames)
        }
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: animatic)
    process.arguments = ["plan", script.path, "--json"]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { fail("cannot run \(animatic): \(error)", 69) }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let plan = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          let shots = plan["shots"] as? [[String: Any]] else { fail("\(animatic) plan \(script.path) failed", 70) }
    return shots.map {
        PlannedShot(id: $0["id"] as? String ?? "?", size: $0["size"] as? String ?? "?", text: $0["text"] as? String ?? "",
                    frames: $0["frames"] as? Int ?? 0)
    }
}

if let corpus {
    CorpusProfile.print(directory: URL(fileURLWithPath: corpus)) { plannedShots($0, animatic: animatic) }
    exit(0)
}

let scenes = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
    .filter { $0.hasSuffix(".fountain") }.sorted()
guard !scenes.isEmpty else { fail("no scenes in \(directory.path)", 66) }

var pooled = (lcs: 0, planned: 0, hand: 0)
print("scene                      hand  plan  ratio   LCS  agreement")
for name in scenes {
    let script = directory.appendingPathComponent(name)
    let breakdown = script.deletingPathExtension().appendingPathExtension("breakdown.tsv")
    guard let text = try? String(contentsOf: breakdown, encoding: .utf8) else { fail("no \(breakdown.lastPathComponent)", 66) }
    let handShots = text.split(separator: "\n").compactMap { line -> HandShot? in
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count >= 2, let size = SizeClass(hand: String(fields[1])) else { return nil }
        return HandShot(size: String(fields[0]), sizeClass: size, note: fields.count > 2 ? String(fields[2]) : "")
    }
    let hand = handShots.map(\.sizeClass)
    let plannedList = plannedShots(script, animatic: animatic).filter { SizeClass(planned: $0.size) != nil }
    let planned = plannedList.compactMap { SizeClass(planned: $0.size) }
    let common = lcs(planned, hand)
    pooled.lcs += common
    pooled.planned += planned.count
    pooled.hand += hand.count
    let agreement = 2 * Double(common) / Double(planned.count + hand.count)
    let label = name.replacingOccurrences(of: ".fountain", with: "")
    print(label.padding(toLength: 26, withPad: " ", startingAt: 0) + String(format: " %4d  %4d  %5.2f  %4d  %9.2f",
                 hand.count, planned.count, Double(planned.count) / Double(hand.count), common, agreement))
    if showMisses { Alignment.print(planned: plannedList, hand: handShots) }
}
// Agreement is the LCS over the mean length of the two lists (2·LCS / (planned + hand)), so
// it falls both for missing shots and for shots the hand breakdown does not have.
print(String(format: "pooled: %d hand shots, %d planned (ratio %.2f); LCS %d, recall %.2f, agreement %.2f",
             pooled.hand, pooled.planned, Double(pooled.planned) / Double(pooled.hand), pooled.lcs,
             Double(pooled.lcs) / Double(pooled.hand), 2 * Double(pooled.lcs) / Double(pooled.planned + pooled.hand)))

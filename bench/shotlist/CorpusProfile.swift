import Foundation

/// The profile of whole scripts that have no hand breakdown (the test corpus): how many
/// shots, how long the film runs, and the share of wide, medium and close shots. There is
/// no reference to agree with, so these figures are compared before and after a change:
/// a rule fitted to the blind set must not swing a feature film's coverage or running time.
enum CorpusProfile {
    static func print(directory: URL, shots: (URL) -> [PlannedShot]) {
        let scripts = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".fountain") }.sorted()
        Swift.print("script                          shots  minutes  mean s  wide  medium  close")
        for name in scripts {
            let planned = shots(directory.appendingPathComponent(name))
            let classes = planned.compactMap { SizeClass(planned: $0.size) }
            let frames = planned.reduce(0) { $0 + $1.frames }
            func share(_ size: SizeClass) -> Double {
                classes.isEmpty ? 0 : Double(classes.filter { $0 == size }.count) / Double(classes.count)
            }
            let seconds = Double(frames) / 24  // the planner's default rate, which both sources plan at
            Swift.print(name.padding(toLength: 30, withPad: " ", startingAt: 0) + String(
                format: " %6d  %7.1f  %6.2f  %4.2f  %6.2f  %5.2f", planned.count, seconds / 60,
                planned.isEmpty ? 0 : seconds / Double(planned.count), share(.wide), share(.medium), share(.close)))
        }
    }
}

import Animatic
import Foundation
import Planning

/// A Fountain script that plans into exactly `segments` segments: one scene each, with
/// one short line of action in its own words (so no two prompts, seeds or cache keys
/// are alike).
enum SegmentScript {
    /// The script's text.
    static func text(segments: Int) -> String {
        (1...segments).map { index in
            "INT. ROOM \(index) - DAY\n\nMara crosses room \(index) and stops at window \(index).\n"
        }.joined(separator: "\n")
    }

    /// Writes the script to `url` and plans it with `configuration`; fails the benchmark
    /// unless the plan has `segments` segments.
    static func write(segments: Int, to url: URL, configuration: PlanConfiguration) throws -> Plan {
        let text = text(segments: segments)
        try Data(text.utf8).write(to: url)
        let compilation = Compilation(
            ScriptInput(displayPath: url.lastPathComponent, url: url, bytes: Array(text.utf8)),
            configuration: configuration)
        let planned = compilation.plan.shots.reduce(0) { $0 + $1.segments.count }
        guard !compilation.hasErrors, planned == segments else {
            fail("the generated script plans into \(planned) segments, not \(segments)")
        }
        return compilation.plan
    }
}

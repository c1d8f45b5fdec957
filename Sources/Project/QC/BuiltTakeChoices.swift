import Foundation
import Planning

/// The takes quality control put on the timeline of a build, as the build's report records
/// them (its `takeRankings` chosen by `qc`), for the commands that write or read a cut list
/// without building: `animatic export` then names the clips that build wrote to
/// `film.media/`, as the build's own cut lists do, and `review --import` compares an
/// editor's cut with them, so QC's take in the cut is not taken for the editor's pick.
/// Read here, not through the build's report type, so that the front end (which links no
/// media library) can read it.
public struct BuiltTakeChoices: Sendable, Equatable {
    /// The take QC put on the timeline, by shot.
    public var chosen: [ShotID: Int]

    /// The choices recorded by the build of `video` (`film.report.json` beside `film.mp4`);
    /// none when there is no such report or it cannot be read.
    public init(forVideo video: URL) {
        let url = video.deletingPathExtension().appendingPathExtension("report.json")
        guard let data = FileManager.default.contents(atPath: url.path),
              let report = try? JSONDecoder().decode(Report.self, from: data)
        else {
            chosen = [:]
            return
        }
        chosen = Dictionary(
            (report.takeRankings ?? []).filter { $0.chosenBy == "qc" }.map { ($0.shot, $0.onTimeline) }
        ) { first, _ in first }
    }

    /// The part of the build's report read here.
    private struct Report: Decodable {
        struct Ranking: Decodable {
            var shot: ShotID
            var onTimeline: Int
            var chosenBy: String
        }

        var takeRankings: [Ranking]?
    }
}

extension Plan {
    /// This plan with each shot's take that quality control put on the build's timeline
    /// (`choices`). A shot the review file picks a take of keeps its pick, as in a build; a
    /// shot QC did not choose for, or whose chosen take this plan lacks, keeps take 1.
    public func placingTakes(_ choices: BuiltTakeChoices) -> Plan {
        guard !choices.chosen.isEmpty else { return self }
        var plan = self
        for index in plan.shots.indices where plan.shots[index].picked == nil {
            if let take = choices.chosen[plan.shots[index].id] {
                plan.shots[index] = plan.shots[index].puttingOnTimeline(take: take)
            }
        }
        return plan
    }
}

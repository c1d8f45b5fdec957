import Foundation
import JSONForms
import Testing
@testable import Planning
import Screenplay

/// Takes (`takes: 3`, `--takes`, `styles: noir | pastel`) and a review's pick.
@Suite("planning: takes, styles and picks")
struct TakeTests {
    static let script = """
        EXT. HARBOR - DAWN

        Fog rolls in over the water.

        INT. KITCHEN - NIGHT

        [[takes: 3]]
        Anna steps in and drops her bag. She looks around the empty room for a long while, then sits down.

        """

    static func shot(_ plan: Plan, _ id: ShotID) throws -> Shot {
        try #require(plan.shots.first { $0.id == id })
    }

    @Test func takesAnnotationMakesVariantsWithTheirOwnSeedsAndTakeOneIsTheShotAsBefore() throws {
        let planned = plan(Self.script).plan
        let kitchen = try Self.shot(planned, "2A")
        #expect(kitchen.takes == 3 && kitchen.picked == nil)
        let others = try #require(kitchen.otherTakes)
        #expect(others.map(\.number) == [2, 3])
        // Take 1 is exactly the shot planned without takes: same seed, same segments, so its clip stays cached.
        let single = try Self.shot(plan(Self.script.replacingOccurrences(of: "[[takes: 3]]\n", with: "")).plan, "2A")
        // (The annotation's line moves the source ranges, nothing else.)
        #expect(kitchen.segments.map { $0.content(frameRate: .film) } == single.segments.map { $0.content(frameRate: .film) })
        #expect(kitchen.segments.map(\.id) == single.segments.map(\.id) && kitchen.seed == single.seed)
        #expect(Set([kitchen.seed] + others.map(\.seed)).count == 3)
        for take in others {
            #expect(take.segments.map(\.id) == kitchen.segments.map { SegmentID("\($0.id).take\(take.number)") })
            #expect(take.segments.allSatisfy { $0.seed == take.seed && $0.card.take == "take \(take.number)" })
            #expect(take.segments.map(\.prompt) == kitchen.segments.map(\.prompt))
            // A continuation continues its own take.
            for (index, segment) in take.segments.enumerated().dropFirst() {
                #expect(segment.continuesFrom == take.segments[index - 1].id)
            }
        }
        #expect(kitchen.segments.allSatisfy { $0.card.take == nil })
        // The other shot has one take.
        #expect(try Self.shot(planned, "1A").otherTakes == nil)
    }

    @Test func aTakesSeedDependsOnTheShotSeedAndItsNumberOnly() throws {
        let three = try Self.shot(plan(Self.script).plan, "2A")
        let two = try Self.shot(plan(Self.script.replacingOccurrences(of: "takes: 3", with: "takes: 2")).plan, "2A")
        #expect(two.otherTakes?.first?.seed == three.otherTakes?.first?.seed)
        let reseeded = try Self.shot(plan(Self.script, PlanConfiguration(seed: 9)).plan, "2A")
        #expect(reseeded.otherTakes?.first?.seed != three.otherTakes?.first?.seed)
    }

    @Test func theTakesSettingAppliesToEveryShotAndTheAnnotationWins() throws {
        var configuration = PlanConfiguration()
        configuration.takes = 2
        let planned = plan(Self.script, configuration).plan
        #expect(planned.shots.map(\.takes) == [2, 3])
        #expect(try Self.shot(planned, "1A").otherTakes?.map(\.segments.first?.id) == ["1A-1.take2"])
    }

    @Test func stylesMakeOneTakePerStyleWithTheStyleInItsPrompt() throws {
        let script = Self.script.replacingOccurrences(of: "[[takes: 3]]", with: "[[styles: noir | pastel | documentary]]")
        let kitchen = try Self.shot(plan(script).plan, "2A")
        #expect(kitchen.takes == 3 && kitchen.style == "noir")
        let styles = [kitchen.style] + (kitchen.otherTakes ?? []).map(\.style)
        #expect(styles == ["noir", "pastel", "documentary"])
        #expect(kitchen.segments.allSatisfy { $0.prompt.contains("noir") && !$0.prompt.contains("pastel") })
        for take in kitchen.otherTakes ?? [] {
            let style = try #require(take.style)
            #expect(take.segments.allSatisfy { $0.prompt.contains(style) && $0.card.take == "take \(take.number) · \(style)" })
        }
    }

    @Test func stylesComeFromTheTitlePageOrTheConfigurationAndTakesAddPlainOnes() throws {
        let titled = "Title: Harbor\nStyles: noir | pastel\n\n" + Self.script.replacingOccurrences(of: "[[takes: 3]]\n", with: "")
        #expect(plan(titled).plan.shots.map { [$0.style] + ($0.otherTakes ?? []).map(\.style) } == [["noir", "pastel"], ["noir", "pastel"]])
        var configuration = PlanConfiguration(style: "watercolour")
        configuration.styles = ["noir"]
        configuration.takes = 2
        let planned = plan(titled, configuration).plan
        // The configuration's styles win over the title page's; a take past the styles keeps the shot's style.
        #expect(planned.shots.map { [$0.style] + ($0.otherTakes ?? []).map(\.style) } == [["noir", "watercolour"], ["noir", "watercolour"]])
    }

    @Test func aPickPutsItsTakeOnTheTimelineAndTakeOneAmongTheOthers() throws {
        let screenplay = FountainReader.parse(Self.script).screenplay
        let unpicked = Planner().plan(screenplay).plan
        let picked = Planner(revisions: ShotRevisions(picks: ["2A": 3])).plan(screenplay).plan
        let before = try Self.shot(unpicked, "2A"), after = try Self.shot(picked, "2A")
        let third = try #require(before.otherTakes?.last)
        #expect(after.picked == 3 && after.segments == third.segments && after.seed == third.seed)
        #expect(after.otherTakes?.map(\.number) == [1, 2])
        #expect(after.otherTakes?.first?.segments == before.segments)
        #expect(after.frames == before.frames && picked.totalFrames == unpicked.totalFrames)
        #expect(try Self.shot(picked, "1A") == Self.shot(unpicked, "1A"))

        // Picking take 1 says so and changes nothing else; a take the shot lacks changes nothing.
        let first = try Self.shot(Planner(revisions: ShotRevisions(picks: ["2A": 1])).plan(screenplay).plan, "2A")
        #expect(first.picked == 1 && first.segments == before.segments)
        let missing = try Self.shot(Planner(revisions: ShotRevisions(picks: ["2A": 4, "1A": 2])).plan(screenplay).plan, "2A")
        #expect(missing == before)
    }

    @Test func aRevisionReachesEveryTake() throws {
        var revision = ShotRevision()
        revision.promptRemove = Revised(["drops her bag"], at: SourceLocation(line: 1, column: 1, offset: 0))
        let planned = Planner(revisions: ShotRevisions(byShot: ["2A": revision])).plan(FountainReader.parse(Self.script).screenplay).plan
        let kitchen = try Self.shot(planned, "2A")
        let prompts = (kitchen.segments + (kitchen.otherTakes ?? []).flatMap(\.segments)).map(\.prompt)
        #expect(prompts.count >= 3 && prompts.allSatisfy { !$0.contains("drops her bag") })
    }

    @Test func thePlanJSONCarriesTheTakesAndReadsBack() throws {
        let planned = plan(Self.script).plan
        let decoded = try PlanJSON.decode(PlanJSON.encode(planned))
        #expect(decoded == planned)
        let json = String(decoding: try PlanJSON.encode(planned), as: UTF8.self)
        #expect(json.contains("\"otherTakes\"") && json.contains("\"2A-1.take3\""))
    }
}

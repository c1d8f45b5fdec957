import Foundation
import Testing
@testable import Planning
import Screenplay

/// The review's revisions over the script's own shots (`ShotRevising`).
@Suite("planning: revisions from a review")
struct RevisionTests {
    static let script = """
        EXT. HARBOR - DAWN

        Fog rolls in over the water.

        INT. KITCHEN - NIGHT

        Anna bursts in suddenly and drops her bag.

        ANNA
        They're selling the building.

        """

    static let at = SourceLocation(line: 4, column: 11, offset: 0)

    static func planned(_ revisions: [ShotID: ShotRevision], script: String = RevisionTests.script) -> Plan {
        Planner(revisions: ShotRevisions(byShot: revisions)).plan(FountainReader.parse(script).screenplay).plan
    }

    @Test func noRevisionPlansExactlyAsBefore() throws {
        #expect(Self.planned([:]) == plan(Self.script).plan)
        let unrelated = Self.planned(["9Z": {
            var revision = ShotRevision()
            revision.size = Revised(.closeUp, at: Self.at)
            return revision
        }()])
        #expect(unrelated == plan(Self.script).plan)
    }

    @Test func cameraDurationSeedAndStyleReplaceTheScripts() throws {
        var revision = ShotRevision()
        revision.size = Revised(.closeUp, at: Self.at)
        revision.move = Revised(.pushIn, at: Self.at)
        revision.angle = Revised(.low, at: Self.at)
        revision.duration = Revised(.milliseconds(4000), at: Self.at)
        revision.seed = Revised(1234, at: Self.at)
        revision.style = Revised("noir", at: Self.at)
        let before = try #require(plan(Self.script).plan.shot("2B"))
        let after = try #require(Self.planned(["2B": revision]).shot("2B"))
        #expect(before.size != .closeUp && after.size == .closeUp)
        #expect(after.move == .pushIn && after.angle == .low && after.frames == 96 && after.seed == 1234 && after.style == "noir")
        let segment = try #require(after.segments.first)
        #expect(segment.seed == 1234 && segment.card.size == .closeUp && segment.card.cameraTerm == "CU · low angle · push in")
        #expect(segment.prompt.contains("Close-up from a low angle; the camera pushes in slowly.") && segment.prompt.contains("Style: noir"))
        #expect(after.revised?.map(\.field) == ["size", "move", "angle", "duration", "seed", "style"])
        #expect(after.revised?.first == RevisedField(field: "size", line: 4, column: 11))
        #expect(before.revised == nil)
    }

    @Test func promptRemovalsAdditionsAndTheNegative() throws {
        var revision = ShotRevision()
        revision.promptRemove = Revised(["suddenly", "BURSTS IN"], at: Self.at)
        revision.promptAdd = Revised("she steps in slowly from the left edge of frame", at: Self.at)
        revision.negativeAdd = Revised("motion blur", at: Self.at)
        let before = try #require(plan(Self.script).plan.shot("2A")?.segments.first)
        let after = try #require(Self.planned(["2A": revision]).shot("2A")?.segments.first)
        #expect(before.prompt.contains("Anna bursts in suddenly and drops her bag."))
        #expect(after.prompt.contains("Anna and drops her bag."))
        #expect(!after.prompt.lowercased().contains("suddenly") && !after.prompt.contains("bursts"))
        #expect(after.prompt.hasSuffix("She steps in slowly from the left edge of frame."))
        #expect(after.negativePrompt == before.negativePrompt + ", motion blur")
    }

    @Test func aRemovalMatchesWholeWordsOnly() {
        #expect(PromptRevision.removing(["sudden"], from: "A sudden gust. Suddenly quiet, sudden.") == "A gust. Suddenly quiet.")
        #expect(PromptRevision.removing(["Dawn"], from: "Dawn, soft early light. Fog.") == "Soft early light. Fog.")
        #expect(PromptRevision.removing(["突然"], from: "安娜突然冲进来。") == "安娜冲进来。")
        #expect(PromptRevision.removing(["absent"], from: "Kept  as  is") == "Kept  as  is")
    }

    @Test func aLongNegativeIsCutSoTheAdditionFits() {
        let long = Array(repeating: "grain", count: 120).joined(separator: ", ")
        let added = PromptRevision.adding("motion blur", to: long, limit: 500, language: .english)
        #expect(added.count <= 500 && added.hasSuffix(", motion blur"))
        #expect(PromptRevision.adding("模糊", to: "文字，水印", limit: 500, language: .chinese) == "文字，水印，模糊")
    }

    @Test func aRevisionStaysWithItsShotWhenAnotherSceneChanges() throws {
        var revision = ShotRevision()
        revision.size = Revised(.extremeCloseUp, at: Self.at)
        let edited = Self.script.replacingOccurrences(
            of: "Fog rolls in over the water.\n",
            with: "Fog rolls in over the water.\n\nA gull lands on a post.\n\nA ferry sounds its horn.\n")
        let before = try #require(Self.planned(["2A": revision]).shot("2A"))
        let after = try #require(Self.planned(["2A": revision], script: edited).shot("2A"))
        #expect(plan(edited).plan.shots(inScene: "1").count > plan(Self.script).plan.shots(inScene: "1").count)
        #expect(after.text == before.text && after.text.contains("Anna bursts in"))
        #expect(after.size == .extremeCloseUp)
        #expect(after.segments.map { $0.content(frameRate: .film) } == before.segments.map { $0.content(frameRate: .film) })
    }

    @Test func durationsReadAndWriteAsAnnotationsDo() {
        #expect(ShotDuration(text: "2.5s") == .milliseconds(2500) && ShotDuration(text: "72f") == .frames(72))
        #expect(ShotDuration(text: "3秒") == .milliseconds(3000))
        #expect(ShotDuration(text: "2.5") == nil && ShotDuration(text: "0s") == nil && ShotDuration(text: "soon") == nil)
        #expect(ShotDuration.milliseconds(4500).text == "4.5s" && ShotDuration.milliseconds(2000).text == "2s")
        #expect(ShotDuration.milliseconds(2050).text == "2.05s" && ShotDuration.frames(72).text == "72f")
    }

    @Test func termsAreReadAsTheAnnotationsReadThem() {
        #expect(ShotSize(term: "MS") == .medium && ShotSize(term: "特写") == .closeUp && ShotSize(term: "CU Anna") == nil)
        #expect(CameraMove(term: "dolly in") == .pushIn && CameraMove(term: "推") == .pushIn && CameraMove(term: "wobble") == nil)
        #expect(CameraAngle(term: "low") == .low && CameraAngle(term: "high angle") == .high && CameraAngle(term: "up") == nil)
        #expect(ShotSize.medium.stepped(1) == .mediumCloseUp && ShotSize.twoShot.stepped(-1) == .mediumWide)
        #expect(ShotSize.extremeCloseUp.stepped(1) == nil && ShotSize.extremeWide.stepped(-1) == nil)
    }
}

import Foundation
import JSONForms
import Testing
@testable import Planning
import Screenplay
import TestSupport

@Suite("Plan properties: determinism, stability, corpus running time, golden plan")
struct PropertyTests {
    @Test(arguments: corpusNames)
    func byteIdenticalJSONTwice(name: String) throws {
        let text = try corpusText(name)
        let first = try PlanJSON.encode(plan(text).plan)
        let second = try PlanJSON.encode(plan(text).plan)
        #expect(first == second)
        #expect(try PlanJSON.decode(first) == plan(text).plan)
    }

    /// Edits one scene of a copy of the script: an action paragraph added after its heading,
    /// and words changed in its first action line.
    private func editScene(_ text: String, headingIndex: Int) -> (edited: String, heading: String) {
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
        let headings = lines.indices.filter {
            let line = lines[$0].uppercased()
            return line.hasPrefix("INT.") || line.hasPrefix("EXT.")
        }
        let at = headings[headingIndex]
        lines.insert(contentsOf: ["The lights flicker twice, then hold.", ""], at: at + 2)
        if let action = ((at + 4)..<lines.count).first(where: {
            let line = lines[$0]
            return line.count > 20 && line.first?.isUppercase == true && line.uppercased() != line
        }) {
            lines[action] = lines[action].replacingOccurrences(of: "\r", with: "") + " Nobody moves."
        }
        return (lines.joined(separator: "\n"), lines[at])
    }

    @Test(arguments: [("Big-Fish.fountain", 40), ("Brick-and-Steel.fountain", 2), ("The-Last-Birthday-Card.fountain", 5)])
    func editingOneSceneLeavesTheOthersAlone(name: String, headingIndex: Int) throws {
        let text = try corpusText(name)
        let (edited, _) = editScene(text, headingIndex: headingIndex)
        let before = plan(text).plan
        let after = plan(edited).plan
        #expect(before.scenes.count == after.scenes.count)
        let changedScenes = Set(zip(before.scenes, after.scenes).filter { $0.shotIDs != $1.shotIDs || $0.heading != $1.heading }.map(\.0.number))
        #expect(changedScenes.count == 1, "exactly the edited scene changes: \(changedScenes)")
        let untouched = { (shot: Shot) in !changedScenes.contains(shot.scene) }
        let beforeShots = before.shots.filter(untouched)
        let afterShots = after.shots.filter(untouched)
        #expect(beforeShots.count == afterShots.count)
        for (a, b) in zip(beforeShots, afterShots) {
            #expect(a.id == b.id && a.frames == b.frames && a.seed == b.seed)
            #expect(a.segments.map(\.prompt) == b.segments.map(\.prompt), "\(a.id)")
            #expect(a.segments.map(\.frames) == b.segments.map(\.frames), "\(a.id)")
        }
        #expect(before.shots.filter { !untouched($0) }.count < after.shots.filter { !untouched($0) }.count)
    }

    @Test(arguments: corpusNames)
    func runningTimeIsAboutAMinuteAPage(name: String) throws {
        let screenplay = FountainReader.parse(try corpusText(name)).screenplay
        let result = Planner().plan(screenplay)
        let minutes = Double(result.plan.totalFrames) / 24 / 60
        let pages = PageCount.pages(screenplay)
        let ratio = minutes / pages
        print(String(format: "%@: %.1f pages, %.1f minutes, %.2f min a page", name, pages, minutes, ratio))
        #expect(ratio >= 0.6 && ratio <= 1.4, "\(name): \(ratio) minutes a page")
    }

    @Test func corpusPlansHaveUniqueIDsAndSceneOrder() throws {
        for name in corpusNames {
            let result = plan(try corpusText(name)).plan
            #expect(Set(result.shots.map(\.id)).count == result.shots.count, "\(name)")
            let segmentIDs = result.shots.flatMap { $0.segments.map(\.id) }
            #expect(Set(segmentIDs).count == segmentIDs.count, "\(name)")
            #expect(result.shots.allSatisfy { $0.segments.allSatisfy { $0.prompt.count <= 800 && $0.frames <= result.maxSegmentFrames } })
        }
    }

    @Test func lastBirthdayCardForcedHeadingsAreShotsNotScenes() throws {
        let result = plan(try corpusText("The-Last-Birthday-Card.fountain")).plan
        #expect(result.scenes.filter { !$0.heading.isEmpty }.count == 48 - 23)
    }

    @Test func goldenPlanForTheCoffeeShopSample() throws {
        let json = String(decoding: try PlanJSON.encode(plan(try sampleText("coffee-shop.fountain")).plan), as: UTF8.self) + "\n"
        let golden = packageRoot.appendingPathComponent("Tests/PlanningTests/Golden/coffee-shop.plan.json")
        guard let expected = try Golden.expected(json, at: golden) else { return }
        #expect(json == expected, "the plan differs from \(golden.path); review the diff and re-record with ANIMATIC_RECORD=1")
    }
}

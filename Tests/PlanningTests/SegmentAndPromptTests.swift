import Foundation
import Testing
@testable import Planning
import Screenplay

@Suite("Segments")
struct SegmentTests {
    @Test func shortShotIsOneSegment() {
        let pieces = Segmenter(maxFrames: 240, minFrames: 24).cut(frames: 100, weights: [1, 2])
        #expect(pieces == [Segmenter.Piece(frames: 100, units: 0..<2)])
    }

    @Test(arguments: [241, 500, 719, 1000, 2401])
    func nearEqualSegmentsWithinTheMaximum(frames: Int) {
        let pieces = Segmenter(maxFrames: 240, minFrames: 24).cut(frames: frames, weights: [])
        #expect(pieces.reduce(0) { $0 + $1.frames } == frames)
        #expect(pieces.allSatisfy { $0.frames <= 240 && $0.frames >= 24 })
        #expect(pieces.count == (frames + 239) / 240)
        #expect((pieces.map(\.frames).max()! - pieces.map(\.frames).min()!) <= 1)
    }

    @Test func cutsSnapToASentenceBoundaryNearby() {
        // Units of 40% / 60%: the ideal cut is at 50%; the boundary at 40% lies within a quarter segment.
        let pieces = Segmenter(maxFrames: 240, minFrames: 24).cut(frames: 400, weights: [40, 60])
        #expect(pieces.map(\.frames) == [160, 240])
        #expect(pieces.map(\.units) == [0..<1, 1..<2])
    }

    @Test func farBoundariesAreIgnored() {
        let pieces = Segmenter(maxFrames: 240, minFrames: 24).cut(frames: 400, weights: [5, 95])
        #expect(pieces.map(\.frames) == [200, 200])
    }

    @Test func longShotInThePlanIsContinued() {
        let speech = Array(repeating: "I have been waiting here a very long time for you to come back.", count: 5).joined(separator: " ")
        let result = plan("INT. ROOM - DAY\n\nANNA\n\(speech)\n", PlanConfiguration(maxSegmentMilliseconds: 5000))
        let shot = result.plan.shots.last!
        #expect(shot.segments.count > 1)
        #expect(shot.segments.map(\.id) == (1...shot.segments.count).map { shot.id.segment($0) })
        #expect(shot.segments.allSatisfy { $0.seed == shot.seed && $0.frames <= 120 })
        #expect(shot.segments.dropFirst().allSatisfy { $0.isContinuation && $0.prompt.hasPrefix("Continuation of the same shot") })
        #expect(shot.segments[1].continuesFrom == shot.segments[0].id)
        #expect(!shot.segments[0].isContinuation)
    }

    @Test func backendLimitLowersTheMaximum() {
        let configuration = PlanConfiguration(maxSegmentMilliseconds: 10_000, backendMaxMilliseconds: 5000)
        #expect(configuration.maxSegmentFrames == 120)
    }
}

@Suite("Prompts")
struct PromptTests {
    @Test func templateOrderAndCameraLanguage() throws {
        let result = plan(try sampleText("coffee-shop.fountain")).plan
        let shot = try #require(result.shots.first { $0.size == .closeUp && $0.move == .pushIn })
        let prompt = shot.segments[0].prompt
        let atmosphere = try #require(prompt.range(of: "Soft interior light"))
        let environment = try #require(prompt.range(of: "Inside Marlowe's Coffee Bar."))
        let camera = try #require(prompt.range(of: "Close-up at eye level; the camera pushes in slowly."))
        let style = try #require(prompt.range(of: "Style: warm 35mm film look"))
        #expect(atmosphere.lowerBound < environment.lowerBound && environment.lowerBound < camera.lowerBound
                && camera.lowerBound < style.lowerBound)
    }

    @Test func characterBibleRepeatsWhereverTheyAppear() throws {
        let result = plan(try sampleText("coffee-shop.fountain")).plan
        #expect(result.characters.first { $0.name == "ANNA" }?.description == "30s, wiry, red wool coat, hair tied back with a pencil")
        for shot in result.shots where shot.characters.contains("ANNA") {
            #expect(shot.segments[0].prompt.contains("red wool coat"), "\(shot.id)")
        }
    }

    @Test func dialogueShotsDescribeTheSpeakerNotTheWords() {
        let prompt = plan("INT. ROOM - DAY\n\nANNA\nThe password is swordfish.\n").plan.shots.last!.segments[0].prompt
        #expect(prompt.contains("Anna speaks"))
        #expect(!prompt.contains("swordfish"))
    }

    @Test func styleSources() {
        let script = "Title: T\nStyle: film noir\n\nINT. ROOM - DAY\n\nAnna waits.\n\nINT. HALL - DAY\n\n[[style: watercolour]]\nBob waits.\n"
        let fromTitle = plan(script, withoutExteriors).plan
        #expect(fromTitle.shots[0].style == "film noir")
        #expect(fromTitle.shots[1].style == "watercolour")
        let fromFlag = plan(script, PlanConfiguration(style: "claymation", establishingExteriors: false)).plan
        #expect(fromFlag.shots[0].style == "claymation" && fromFlag.shots[1].style == "watercolour")
        #expect(fromFlag.shots[0].segments[0].prompt.contains("Style: claymation"))
    }

    @Test func negativePromptDefaultAndOverrides() {
        let script = "INT. ROOM - DAY\n\nAnna waits.\n\n[[negative: cartoon]]\nBob waits.\n"
        let defaults = plan(script, withoutExteriors).plan
        #expect(defaults.shots[0].segments[0].negativePrompt == ShotAssembly.defaultNegative(.english))
        #expect(defaults.shots[1].segments[0].negativePrompt == "cartoon")
        let flagged = plan(script, PlanConfiguration(negativePrompt: "text, logos")).plan
        #expect(flagged.shots[0].segments[0].negativePrompt == "text, logos")
    }

    @Test func promptLanguageChoice() throws {
        let english = try sampleText("coffee-shop.fountain")
        #expect(plan(english).plan.promptLanguage == .english)
        let zh = plan(english, PlanConfiguration(promptLanguage: .chinese)).plan
        #expect(zh.promptLanguage == .chinese)
        #expect(zh.shots.contains { $0.segments[0].prompt.contains("特写") })
        let chinese = try sampleText("chinese.fountain")
        let en = plan(chinese, PlanConfiguration(promptLanguage: .english)).plan
        #expect(en.shots.contains { $0.segments[0].prompt.contains("Close-up") })
    }

    @Test func promptsStayUnderTheLimitAndCutAtAClause() {
        let clause = "the rain hammers the tin roof of the old boathouse"
        let paragraph = Array(repeating: clause, count: 30).joined(separator: ", ") + "."
        let script = "EXT. DOCK - NIGHT\n\n[[shot: WS]]\n\(paragraph)\n"
        for segment in plan(script).plan.shots.flatMap(\.segments) {
            #expect(segment.prompt.count <= 800)
            #expect(segment.prompt.contains("Wide shot at eye level"), "camera language survives the cut")
            #expect(!segment.prompt.contains("boathous."), "never cut mid-word")
        }
        #expect(PromptText.cut("one two, three four, five", to: 17) == "one two.")
        #expect(PromptText.cut("alpha beta gamma", to: 12) == "alpha beta")
    }

    @Test func seedsFromWhatTheShotIsAndGlobalSeed() {
        let script = "INT. ROOM - DAY\n\nAnna waits.\n\nBob waits.\n"
        let a = plan(script).plan.shots
        let b = plan(script, PlanConfiguration(seed: 42)).plan.shots
        #expect(a[0].seed == SeedHash.seed(scene: "1", content: a[0].segments[0].prompt, occurrence: 0, globalSeed: 0))
        #expect(a[0].seed != a[1].seed)
        #expect(a[0].seed != b[0].seed)
        #expect(a.allSatisfy { (0...2_147_483_647).contains($0.seed) })
        // A shot inserted before another moves its letter, not its seed (1A is the
        // establishing exterior the planner adds).
        let inserted = plan("INT. ROOM - DAY\n\nAnna waits.\n\nCarl waits.\n\nBob waits.\n").plan.shots
        #expect(inserted.map(\.id) == ["1A", "1B", "1C", "1D"])
        #expect(inserted[3].segments[0].prompt == a[2].segments[0].prompt)
        #expect(inserted[3].seed == a[2].seed)
        // Shots with the same content in one scene still get their own seeds.
        let twice = plan("INT. ROOM - DAY\n\nAnna waits.\n\nBob waits.\n\nAnna waits.\n").plan.shots
        #expect(twice[1].segments[0].prompt == twice[3].segments[0].prompt)
        #expect(twice[1].seed != twice[3].seed)
    }

    @Test func cardCarriesWhatTheStoryboardDraws() {
        let shot = plan("INT. ROOM - NIGHT\n\nBOB\nHi there, I was not sure you would come tonight.\n\nANNA\nYou came all the way out here in the rain.\n").plan.shots.last!
        let card = shot.segments[0].card
        #expect(card.heading == "INT. ROOM - NIGHT" && card.shotID == shot.id)
        #expect(card.speaker == "Anna" && card.dialogue == "You came all the way out here in the rain.")
        #expect(card.cameraTerm == "OTS" && card.daylight == .night)
    }
}

import Testing
@testable import Planning
import Screenplay

@Suite("Prompt wording: proper nouns, whole clauses, move directions, per-scene language")
struct PromptWordingTests {
    private func prompts(_ result: PlanResult) -> [String] { result.plan.shots.flatMap { $0.segments.map(\.prompt) } }

    @Test func properNounsKeepTheirCase() throws {
        let all = prompts(plan(try sampleText("coffee-shop.fountain"))).joined(separator: "\n")
        #expect(all.contains("One window glows: Marlowe's, a narrow coffee bar"), "a location's owner is a name")
        #expect(all.contains("\"MARLOWE HOUSE BLEND. Never tell the roaster.\""), "what a card says is quoted as written")
        #expect(!all.contains("marlowe"))
        // Shouting that names nothing is still lowered.
        let shout = prompts(plan("INT. ROOM - DAY\n\nThe door SLAMS. Anna jumps.\n\nANNA\nHi.\n", withoutExteriors))
        #expect(shout[0].contains("The door slams."))
    }

    @Test func anOverTheShoulderActionSaysWhoseShoulder() {
        let script = "INT. BAR - DAY\n\n[[shot: OTS Ben on Anna]]\nAnna turns the key over in her fingers.\n\nANNA\nHi.\n\nBEN\nHi.\n"
        let english = plan(script, withoutExteriors).plan.shots.first { $0.size == .overTheShoulder }
        #expect(english?.segments[0].prompt.contains("Over Ben's shoulder: Anna turns the key over in her fingers.") == true,
                "\(english?.segments[0].prompt ?? "")")
        let chinese = plan("内景 茶馆 - 日\n\n[[shot: 过肩 老周 on 小林]]\n小林翻看合同。\n\n小林\n好。\n\n老周\n嗯。\n",
                           withoutExteriors).plan.shots.first { $0.size == .overTheShoulder }
        #expect(chinese?.segments[0].prompt.contains("越过老周的肩膀：小林翻看合同。") == true, "\(chinese?.segments[0].prompt ?? "")")
    }

    @Test func everyPartEndsItsSentence() throws {
        for prompt in prompts(plan(try sampleText("coffee-shop.fountain"))) {
            // A description in brackets closes a name, not a sentence: the part still ends in a full stop.
            #expect(!prompt.contains(") Inside") && !prompt.contains(") Outside"), "\(prompt)")
            #expect(prompt.hasSuffix("."))
        }
        #expect(PromptText.join(["Anna speaks to Ben (60s)", "Inside"], language: .english) == "Anna speaks to Ben (60s). Inside.")
        #expect(PromptText.join(["A card reads \"Go.\"", "Next"], language: .english) == "A card reads \"Go.\" Next.")
    }

    @Test(arguments: [("crane down", CameraMove.crane, MoveDirection.down, "the camera cranes down", "降镜头"),
                      ("crane up", .crane, .up, "the camera cranes up", "升镜头"),
                      ("tilt up", .tilt, .up, "the camera tilts up", "上摇镜头"),
                      ("pan left", .pan, .left, "the camera pans left", "向左摇镜头"),
                      ("truck right", .truck, .right, "the camera trucks right", "向右移镜头"),
                      ("zoom out", .zoom, .out, "the camera zooms out", "变焦拉远")])
    func movesKeepTheirDirection(move: String, expected: CameraMove, direction: MoveDirection, english: String, chinese: String) {
        let script = "EXT. HARBOR - DAY\n\n[[shot: WS; move: \(move)]]\nGulls wheel.\n"
        let shot = plan(script).plan.shots[0]
        #expect(shot.move == expected && shot.direction == direction)
        #expect(shot.segments[0].prompt.contains(english))
        #expect(shot.segments[0].card.cameraTerm.hasSuffix(move))
        #expect(plan(script, PlanConfiguration(promptLanguage: .chinese)).plan.shots[0].segments[0].prompt.contains(chinese))
    }

    @Test func autoLanguageIsDecidedSceneByScene() {
        let script = """
            EXT. HARBOR - DAY

            Anna locks her bike to the rail.

            ANNA
            Morning, Ben.

            内景 茶馆 - 夜

            王姨端着茶壶走过来。

            王姨
            梅琳，你来了。

            梅琳
            王姨，好久不见。
            """
        let result = plan(script).plan
        let english = result.shots(inScene: "1").flatMap { $0.segments.map(\.prompt) }
        let chinese = result.shots(inScene: "2").flatMap { $0.segments.map(\.prompt) }
        #expect(!english.isEmpty && !chinese.isEmpty)
        #expect(english.allSatisfy { TextMeasure.ideographs($0) == 0 }, "\(english)")
        #expect(chinese.allSatisfy { TextMeasure.latinLetters($0) == 0 }, "wholly Chinese: \(chinese)")
        #expect(result.shots(inScene: "2").allSatisfy { TextMeasure.latinLetters($0.segments[0].card.cameraTerm) == 0 })
        // Asked for one language, every scene has it.
        let forced = plan(script, PlanConfiguration(promptLanguage: .english)).plan
        #expect(forced.shots(inScene: "2").allSatisfy { $0.segments[0].prompt.contains("at eye level") })
    }

    @Test func chinesePhrasebookHasNoEnglishCameraWords() {
        let words = ChinesePhrasebook()
        for size in ShotSize.allCases {
            for angle in CameraAngle.allCases {
                for move in CameraMove.allCases {
                    for direction in [nil] + MoveDirection.allowed(for: move) {
                        let camera = words.camera(size: size, angle: angle, move: move, direction: direction, lens: nil)
                        #expect(TextMeasure.latinLetters(camera) == 0, "\(camera)")
                    }
                }
            }
        }
    }
}

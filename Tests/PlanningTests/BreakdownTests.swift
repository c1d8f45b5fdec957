import Testing
@testable import Planning
import Screenplay

@Suite("Shot breakdown")
struct BreakdownTests {
    @Test func sceneOpensOnAnEstablishingShot() {
        let exterior = plan("EXT. HARBOR - DAWN\n\nANNA\nMorning.\n").plan
        #expect(exterior.shots.first?.kind == .establishing)
        #expect(exterior.shots.first?.size == .extremeWide)
        let interior = plan("INT. KITCHEN - NIGHT\n\nAnna chops onions by the sink.\n").plan
        #expect(interior.shots.first?.kind == .establishing)
        #expect(interior.shots.first?.size == .wide)
        #expect(interior.shots.count == 1, "the first action paragraph is the establishing shot")
    }

    @Test func scriptedFirstShotReplacesTheEstablishingShot() {
        let annotated = plan("INT. KITCHEN - NIGHT\n\n[[shot: CU Anna]]\nAnna chops onions.\n").plan
        #expect(annotated.shots.map(\.kind) == [.scripted])
        let shotLine = plan("INT. KITCHEN - NIGHT\n\nCLOSE ON THE KNIFE\n\nIt flashes.\n").plan
        #expect(shotLine.shots.map(\.kind) == [.scripted])
        #expect(shotLine.shots[0].text == "It flashes.")
    }

    @Test func longActionIsSplitAtSentences() {
        let sentence = "Anna walks slowly along the quay past the fishing boats and the nets."
        let paragraph = Array(repeating: sentence, count: 4).joined(separator: " ")
        let shots = plan("EXT. HARBOR - DAY\n\n\(paragraph)\n").plan.shots
        // 13 words a sentence, at most 30 words a shot: two sentences a shot.
        #expect(shots.count == 2)
        #expect(shots.allSatisfy { $0.text == sentence + " " + sentence })
        #expect(shots.map(\.kind) == [.establishing, .action])
    }

    @Test func dialogueCoverage() {
        let script = """
            INT. BAR - NIGHT

            ANNA
            You came.

            BOB
            You asked.

            ANNA
            I didn't think you would.

            BOB
            Neither did I.

            ANNA
            So why are you here?
            """
        let shots = plan(script).plan.shots
        #expect(shots.map(\.size) == [.wide, .twoShot, .overTheShoulder, .overTheShoulder, .mediumCloseUp, .mediumCloseUp])
        #expect(shots[2].speaker == "BOB" && shots[2].foreground == "ANNA")
        #expect(shots[1].characters == ["ANNA", "BOB"])
    }

    @Test func longExchangeReestablishes() {
        var lines = ["INT. BAR - NIGHT", ""]
        for index in 0..<10 {
            lines += [index % 2 == 0 ? "ANNA" : "BOB", "Line number \(index).", ""]
        }
        let shots = plan(lines.joined(separator: "\n")).plan.shots
        #expect(shots.contains { $0.kind == .reestablishing && $0.size == .mediumWide })
    }

    @Test func pauseParentheticalCutsToAReaction() {
        let script = "INT. BAR - NIGHT\n\nBOB\nHello.\n\nANNA\nI sold it.\n(beat)\nAll of it.\n"
        let shots = plan(script).plan.shots
        let reaction = shots.first { $0.kind == .reaction }
        #expect(reaction?.characters == ["BOB"])
        #expect(shots.last?.speaker == "ANNA")
        #expect(shots.last?.text == "All of it.")
    }

    @Test func reactionActionDuringAnExchange() {
        let script = "INT. BAR - NIGHT\n\nBOB\nI quit.\n\nAnna stares at him.\n\nANNA\nYou what?\n"
        let reaction = plan(script).plan.shots.first { $0.kind == .reaction }
        #expect(reaction?.characters == ["ANNA"])
        #expect(reaction?.size == .closeUp)
    }

    @Test func dualDialogueIsOneTwoShot() {
        let script = "INT. BAR - NIGHT\n\nANNA\nDown!\n\nBOB ^\nDown!\n"
        let shots = plan(script).plan.shots.filter { $0.kind == .dialogue }
        #expect(shots.count == 1)
        #expect(shots[0].size == .twoShot && Set(shots[0].characters) == ["ANNA", "BOB"])
    }

    @Test func offscreenVoicePlaysOverThePicture() {
        let script = "EXT. RIVER - DAY\n\nA catfish glides under the surface.\n\nEDWARD (V.O.)\nThere are some fish that cannot be caught.\n"
        let shots = plan(script).plan.shots
        #expect(shots.last?.kind == .offscreenVoice)
        #expect(shots.last?.speaker == "EDWARD")
        #expect(!(shots.last?.characters.contains("EDWARD") ?? true))
    }

    @Test func forcedHeadingWithoutIntExtIsAShotInTheCurrentScene() {
        let script = "EXT. POOL - DAY\n\nSteel paces.\n\n.SNIPER SCOPE POV\n\nCrosshairs on Steel.\n\nEXT. SHACK - DAY\n\nWind.\n"
        let result = plan(script).plan
        #expect(result.scenes.map(\.number) == ["1", "2"])
        let pov = result.shots.first { $0.size == .pointOfView }
        #expect(pov?.scene == "1" && pov?.id == "1B" && pov?.text == "Crosshairs on Steel.")
        #expect(pov?.location == "POOL")
    }

    @Test func shotLinesFrameTheirSubject() {
        let shots = plan("INT. ROOM - DAY\n\nAnna waits.\n\nINSERT - WATCH\n\nIt is ten past four.\n\nA RIVER.\n\nBACK TO SCENE\n\nShe leaves.\n").plan.shots
        #expect(shots.map(\.size) == [.wide, .insert, .wide, .wide])
    }

    @Test func transitionWrittenAsActionIsATransition() {
        let shots = plan("INT. ROOM - DAY\n\nAnna waits.\n\nFADE OUT.\n").plan.shots
        #expect(shots.count == 1)
        #expect(shots[0].transitionOut?.style == .fade)
    }

    @Test func annotationSetsCamera() {
        let shot = plan("INT. ROOM - DAY\n\n[[shot: OTS Bob on Anna; angle: low angle; move: dolly in; lens: 35mm; seed: 7; takes: 2]]\nAnna smiles.\n\nBOB\nHi.\n\nANNA\nHello.\n").plan.shots[0]
        #expect(shot.size == .overTheShoulder && shot.angle == .low && shot.move == .pushIn && shot.lens == "35mm")
        #expect(shot.foreground == "BOB" && shot.characters.first == "ANNA")
        #expect(shot.seed == 7 && shot.takes == 2)
    }

    @Test func unknownAnnotationVocabularyIsDiagnosed() {
        let result = plan("INT. ROOM - DAY\n\n[[shot: something; move: wobble]]\nAnna smiles.\n")
        #expect(result.diagnostics.contains { $0.message.contains("wobble") })
        #expect(result.diagnostics.contains { $0.message.contains("no shot size") })
    }

    @Test func unknownCameraTermsAreWarningsAtTheValueWithTheNearestTerm() {
        let result = plan("INT. ROOM - DAY\n\n[[shot: CUU Anna; angle: hihg; move: pussh in]]\nAnna smiles.\n\n[[move: wobble; shot: BIG]]\nShe sits.\n")
        #expect(result.diagnostics.map { "\($0.severity.rawValue)@\($0.range)" } == [
            "warning@@3:9-3:17", "warning@@3:26-3:30", "warning@@3:38-3:46", "warning@@6:23-6:26", "warning@@6:9-6:15",
        ])
        #expect(result.diagnostics.map(\.message) == [
            "no shot size in 'CUU Anna'; did you mean 'CU'?", "unknown camera angle 'hihg'; did you mean 'high'?",
            "unknown camera move 'pussh in'; did you mean 'push in'?", "no shot size in 'BIG'", "unknown camera move 'wobble'",
        ])
        #expect(result.diagnostics[2].note?.hasPrefix("the camera stays static; moves: static camera 固定镜头") == true)
        #expect(result.plan.shots.allSatisfy { $0.move == .static })
    }

    @Test func standaloneAnnotationIsAShot() {
        let shots = plan("EXT. CITY - DAWN\n\n[[shot: EWS; prompt: rooftops at first light; duration: 4s]]\n\n[[shot: CU Anna; duration: 2s]]\nAnna wakes.\n").plan.shots
        #expect(shots.count == 2)
        #expect(shots[0].frames == 96 && shots[0].size == .extremeWide)
        #expect(shots[0].segments[0].prompt.contains("rooftops at first light"))
    }

    @Test func cameraVerbInActionSetsTheMove() {
        let shots = plan("INT. ROOM - DAY\n\nAnna sits.\n\nWe push in on Anna as she reads.\n").plan.shots
        #expect(shots.last?.move == .pushIn)
    }

    @Test func shotIDsUseTheScriptsSceneNumbers() {
        let ids = plan("INT. ROOM - DAY #12A#\n\nAnna sits.\n\nBob stands.\n\nINT. HALL - DAY\n\nWind.\n").plan.shots.map(\.id)
        #expect(ids == ["12A.A", "12A.B", "2A"])
        #expect(ShotLetters.letters(25) == "Z" && ShotLetters.letters(26) == "AA" && ShotLetters.letters(27) == "AB")
    }

    @Test func chineseScript() throws {
        let result = plan(try sampleText("chinese.fountain")).plan
        #expect(result.promptLanguage == .chinese)
        #expect(result.characters.first { $0.name == "林晓" }?.description == "二十多岁，短发，背着一只磨旧的帆布画筒")
        #expect(result.shots.contains { $0.size == .closeUp && $0.move == .pushIn && $0.characters == ["林晓"] })
        #expect(result.shots.contains { $0.size == .overTheShoulder && $0.foreground == "老周" })
    }
}

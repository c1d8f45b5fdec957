import Testing
@testable import Planning
import Screenplay

@Suite("Shot breakdown")
struct BreakdownTests {
    @Test func sceneOpensOnAnEstablishingShot() {
        let exterior = plan("EXT. HARBOR - DAWN\n\nANNA\nMorning.\n").plan
        #expect(exterior.shots.first?.kind == .establishing)
        #expect(exterior.shots.first?.size == .extremeWide)
        let interior = plan("INT. KITCHEN - NIGHT\n\nAnna chops onions by the sink.\n", withoutExteriors).plan
        #expect(interior.shots.first?.kind == .establishing)
        #expect(interior.shots.first?.size == .wide)
        #expect(interior.shots.count == 1, "the first action paragraph is the establishing shot")
    }

    @Test func firstInteriorAtANewPlaceOpensOnItsExterior() {
        let script = """
            INT. OBSERVATORY - DOME - NIGHT

            The telescope turns.

            INT. OBSERVATORY - CONTROL ROOM - NIGHT

            Monitors glow.

            EXT. HARBOR - NIGHT

            Waves.

            INT. MARLOWE'S BAR - NIGHT

            Chairs on the tables.

            INT. LIGHTHOUSE - NIGHT

            [[shot: CU lamp]]
            The lamp turns.
            """
        let result = plan(script).plan
        let first = result.shots(inScene: "1")
        #expect(first.map(\.size) == [.extremeWide, .wide])
        #expect(first[0].kind == .establishing && first[0].setting == .exterior && first[1].setting == .interior)
        #expect(first[0].segments[0].prompt.contains("The outside of Observatory"))
        #expect(first[0].segments[0].prompt.contains("Outside at Observatory."))
        #expect(!first[0].segments[0].prompt.contains("interior"))
        #expect(result.shots(inScene: "2").count == 1, "the same building is already established")
        #expect(result.shots(inScene: "4").count == 1, "the scene before was outside")
        #expect(result.shots(inScene: "5").map(\.kind) == [.scripted], "the script names its opening shot")
        let off = plan(script, PlanConfiguration(establishingExteriors: false)).plan
        #expect(off.shots(inScene: "1").count == 1)
        // Chinese headings are read the same way.
        let chinese = plan("内景 茶馆 - 日\n\n茶馆里只剩两桌客人。\n").plan.shots
        #expect(chinese.map(\.setting) == [.exterior, .interior])
        #expect(chinese[0].segments[0].prompt.hasPrefix("白天，明亮的自然光。建立镜头，从外面展现茶馆的外观。外景，茶馆。"))
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

    @Test func dialogueCoverage() throws {
        let script = """
            INT. BAR - NIGHT

            ANNA
            You came all this way, in the rain, after everything I said?

            BOB
            You asked me to come, and I always come when you ask.

            ANNA
            I didn't think you would, not after the way we left it in March.

            BOB
            Neither did I, if I am honest with you, Anna, for a long while.

            ANNA
            So why are you here tonight, in this bar, at this hour?
            """
        let shots = plan(script, withoutExteriors).plan.shots
        try #require(shots.count == 6)
        #expect(shots.map(\.size) == [.wide, .twoShot, .overTheShoulder, .overTheShoulder, .mediumCloseUp, .mediumCloseUp])
        #expect(shots[2].speaker == "BOB" && shots[2].foreground == "ANNA")
        #expect(shots[1].characters == ["ANNA", "BOB"])
    }

    @Test func shortLinesStayInTheTwoShot() throws {
        let script = """
            INT. TRUCK - NIGHT

            EARL
            Got everything?

            CODY
            Yeah.

            EARL
            Ticket?

            CODY
            Yeah.

            EARL
            You scared of flying, out there on your own for the first time?

            CODY
            No.

            CODY
            Maybe.
            """
        let shots = plan(script, withoutExteriors).plan.shots
        try #require(shots.count == 4, "\(shots.map(\.text))")
        // One two-shot holds the quick exchange; its card prints each line with its speaker.
        #expect(shots[1].size == .twoShot && shots[1].text == "Got everything? Yeah. Ticket? Yeah.")
        #expect(shots[1].segments[0].card.dialogue == "Earl: Got everything? / Cody: Yeah. / Earl: Ticket? / Cody: Yeah.")
        #expect(shots[1].segments[0].prompt.contains("Earl and Cody talk back and forth"))
        // A longer line cuts in; the one-word reply after it is a two-shot, not a single of its own.
        #expect(shots[2].speaker == "EARL" && shots[2].size != .twoShot)
        #expect(shots[3].size == .twoShot && shots[3].text == "No. Maybe.")
        // Each turn of the talk takes its breath.
        let single = plan("INT. TRUCK - NIGHT\n\nEARL\nGot everything?\n", withoutExteriors).plan.shots.last!
        #expect(shots[1].frames > single.frames)
    }

    @Test func aShortLineRidesOnItsSpeakersActionShot() {
        let shots = plan("EXT. MARKET - DAWN\n\nGulls over the stalls.\n\nA BIG MAN shoulders a porter aside.\n\nBIG MAN\nNell! Stop!\n").plan.shots
        #expect(shots.count == 2)
        #expect(shots[1].speaker == "BIG MAN" && shots[1].text == "A BIG MAN shoulders a porter aside. Nell! Stop!")
    }

    @Test func actionParagraphsSplitIntoBeats() throws {
        let script = """
            EXT. ROOFTOPS - NIGHT

            Rain on the tiles.

            MIA sprints across the roof. Two GUARDS vault the gap behind her. Mia reaches the edge. She looks down. Forty feet below, a canal. Nowhere to go.

            MIA
            Great.

            GUARDS
            Stop!
            """
        let shots = plan(script).plan.shots.filter { $0.kind == .action }
        try #require(shots.count == 4, "\(shots.map(\.text))")
        #expect(shots.map(\.text) == ["MIA sprints across the roof.", "Two GUARDS vault the gap behind her.",
                                      "Mia reaches the edge. She looks down.", "Forty feet below, a canal. Nowhere to go."])
        #expect(shots[0].size == .wide, "a body moving through space")
        #expect(shots[1].size == .mediumWide, "whole bodies in action")
        #expect(shots[2].characters == ["MIA"] && shots[2].size == .closeUp, "her look")
        #expect(shots[3].size == .wide && shots[3].segments[0].prompt.contains("Mia's point of view: Forty feet below, a canal."))
    }

    @Test func longExchangeReestablishes() {
        var lines = ["INT. BAR - NIGHT", ""]
        for index in 0..<10 {
            lines += [index % 2 == 0 ? "ANNA" : "BOB", "This is line number \(index) of a long exchange.", ""]
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
        // Her two words ride on her reaction, and are timed in it.
        #expect(reaction?.text == "Anna stares at him. You what?" && reaction?.speaker == "ANNA")
        let silent = plan("INT. BAR - NIGHT\n\nBOB\nI quit.\n\nAnna stares at him.\n").plan.shots.first { $0.kind == .reaction }
        #expect((reaction?.frames ?? 0) > (silent?.frames ?? .max))
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
        let shots = plan("INT. ROOM - DAY\n\nAnna waits.\n\nINSERT - WATCH\n\nIt is ten past four.\n\nA RIVER.\n\nBACK TO SCENE\n\nShe leaves.\n", withoutExteriors).plan.shots
        #expect(shots.map(\.size) == [.wide, .insert, .wide, .wide])
    }

    @Test func transitionWrittenAsActionIsATransition() {
        let shots = plan("INT. ROOM - DAY\n\nAnna waits.\n\nFADE OUT.\n", withoutExteriors).plan.shots
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
        let ids = plan("INT. ROOM - DAY #12A#\n\nAnna sits.\n\nBob stands.\n\nINT. HALL - DAY\n\nWind.\n", withoutExteriors).plan.shots.map(\.id)
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

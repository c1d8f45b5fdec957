import Testing
@testable import Planning
import Screenplay

/// Where talk is cut into singles rather than held in a two-shot (`DialogueCuts`), and a
/// crowd's lines on a wide.
@Suite("Dialogue cuts")
struct DialogueCutTests {
    @Test func anIntercutCallIsCoveredInSinglesOfEachEnd() {
        let script = """
            INT. FARMHOUSE KITCHEN - NIGHT

            The phone rings. WALT lifts the receiver.

            WALT
            Hello?

            INTERCUT - HOSPITAL CORRIDOR / FARMHOUSE KITCHEN

            RUTH
            Dad. It's me.

            WALT
            Ruthie. It's gone eleven.

            RUTH
            I'm on a break.
            """
        let shots = plan(script, withoutExteriors).plan.shots.suffix(3)
        #expect(shots.map(\.speaker) == ["RUTH", "WALT", "RUTH"])
        // Neither a two-shot nor an over-the-shoulder: they are miles apart.
        #expect(shots.allSatisfy { $0.size == .mediumCloseUp && $0.characters.count == 1 }, "\(shots.map(\.size))")
        // Two people at the same end of an intercut still share a frame.
        let together = plan("""
            INT. HALLWAY - NIGHT

            WILL listens at the door.

            INTERCUT HALLWAY / BEDROOM

            EDWARD
            There was one time when I was eleven years old, down by the river.

            JOSEPHINE
            You were talking about your wedding, the day you met her.
            """, withoutExteriors).plan.shots.filter { $0.kind == .dialogue }
        #expect(together.first?.size == .twoShot)
    }

    @Test func aCrowdsLineIsAWideOfTheCrowdAndNobodysShoulder() {
        let script = """
            EXT. TOWN SQUARE - DAY

            FRANKIE climbs onto the fountain rim with a megaphone, looking out over everyone.

            FRANKIE
            Four hundred jobs! Say it loud for the council!

            CROWD
            Four hundred jobs!

            MAYOR
            The council has not made a decision yet, whatever you have heard.
            """
        let shots = plan(script).plan.shots
        let crowd = shots.first { $0.speaker == "CROWD" }
        #expect(crowd?.size == .wide)
        #expect(!shots.contains { $0.foreground == "CROWD" || ($0.size == .twoShot && $0.characters.contains("CROWD")) },
                "\(shots.map { ($0.size, $0.characters) })")
    }

    @Test func anInterruptionCutsFromFaceToFace() {
        let script = """
            INT. KITCHEN - NIGHT

            MOTHER
            Do you have your ticket? And your passport, the one I put in the drawer?

            SON
            Yes.

            MOTHER
            And the money I sewed into the pocket of your --

            SON
            Mum. I know.
            """
        let shots = plan(script, withoutExteriors).plan.shots.filter { $0.kind == .dialogue }
        let cut = shots.suffix(2)
        #expect(cut.map(\.speaker) == ["MOTHER", "SON"])
        #expect(cut.allSatisfy { $0.size == .mediumCloseUp && $0.characters.count == 1 }, "\(shots.map(\.size))")
        // Without the dash the short reply stays in a two-shot.
        let calm = plan(script.replacingOccurrences(of: "your --", with: "your coat."), withoutExteriors).plan.shots
        #expect(calm.last?.size == .twoShot)
    }

    @Test func aWrittenPauseTurnsTheExchangeIntoSingles() {
        let script = """
            INT. TRUCK - NIGHT

            EARL
            Got everything?

            CODY
            Yeah.

            Silence. Rain.

            EARL
            You scared?

            CODY
            No.
            """
        let shots = plan(script, withoutExteriors).plan.shots
        let after = shots.drop { !$0.text.hasPrefix("Silence") }.dropFirst()
        #expect(after.map(\.speaker) == ["EARL", "CODY"])
        #expect(after.allSatisfy { $0.size == .mediumCloseUp }, "\(shots.map(\.size))")
        // Action that moves the scene on ends the singles.
        let moved = plan(script + "\n\nEarl and Cody pull out onto the road.\n\nEARL\nOkay.\n\nCODY\nOkay.\n",
                         withoutExteriors).plan.shots
        #expect(moved.last?.kind == .action && moved.last?.text == "Earl and Cody pull out onto the road. Okay. Okay.")
    }

    @Test func aShortLineRidesOnTheShotTheWriterNamed() {
        let script = "INT. BAR - DAY\n\nBEN\nHere.\n\n[[shot: OTS Ben on Anna]]\nAnna turns the key over in her fingers.\n\nANNA\nI can't afford it.\n"
        let shots = plan(script, withoutExteriors).plan.shots
        #expect(shots.last?.kind == .scripted && shots.last?.speaker == "ANNA",
                "\(shots.map { ($0.kind, $0.text) })")
        #expect(shots.last?.text == "Anna turns the key over in her fingers. I can't afford it.")
        // A shot whose length the writer fixed keeps it: the line gets a shot of its own.
        let fixed = plan(script.replacingOccurrences(of: "on Anna]]", with: "on Anna; duration: 2s]]"), withoutExteriors).plan.shots
        #expect(fixed.last?.kind == .dialogue)
    }

    @Test func aShortChargedReplyToALongSpeechIsASingle() {
        let script = """
            INT. FLAT - NIGHT

            JOSIE
            I told you in March. I told you in May. You said let's see, and then you said nothing at all.

            DANIEL
            Because we were seeing!
            """
        let last = plan(script, withoutExteriors).plan.shots.last
        #expect(last?.speaker == "DANIEL" && last?.size == .mediumCloseUp && last?.characters == ["DANIEL"])
        let calm = plan(script.replacingOccurrences(of: "seeing!", with: "seeing."), withoutExteriors).plan.shots.last
        #expect(calm?.size == .twoShot)
    }
}

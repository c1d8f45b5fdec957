import Testing
@testable import Planning
import Screenplay

/// How action beats are framed: entrances and exits, someone alone, a look, small things
/// as inserts, a reaction as its own picture, montage items.
@Suite("Action framing")
struct ActionFramingTests {
    /// The action shots of one interior scene, without its establishing shots.
    /// A later scene gives every character here a line, so the planner knows them as cast.
    func actionShots(_ body: String) -> [Shot] {
        let cast = "\n\nINT. CORRIDOR - NIGHT\n\nTOMAS\nNo.\n\nRUTH\nNo.\n\nFRANKIE\nNo.\n\nDUKE\nNo.\n"
        return plan("INT. KITCHEN - NIGHT\n\nSteel counters. A single fluorescent tube buzzing overhead.\n\n" + body + cast,
                    withoutExteriors).plan.shots(inScene: "1").filter { $0.kind == .action }
    }

    @Test func entrancesAndExitsShowTheWholeFigureAndSomeoneAloneIsWide() {
        let shots = actionShots("""
            TOMAS scrapes the flat-top with a long steel scraper.

            DUKE walks in without knocking.

            DUKE
            Friday.

            He steps over the mop bucket and walks out.

            Tomas stands alone among the pans.
            """)
        #expect(shots.map(\.size) == [.medium, .mediumWide, .mediumWide, .wide], "\(shots.map(\.text))")
    }

    @Test func aSilenceInsideActionIsAPictureOfItsOwn() {
        let shots = actionShots("RUTH puts her eye to the eyepiece. Long silence. The dome stops turning.\n")
        #expect(shots.map(\.text) == ["RUTH puts her eye to the eyepiece.", "Long silence. The dome stops turning."])
        #expect(shots.last?.size == .wide)
    }

    @Test func aCrowdsReactionIsItsOwnWideEvenAfterASceneSettingPhrase() {
        let shots = actionShots("On the town hall steps, FRANKIE taps a microphone. Feedback squeals. The crowd groans.\n")
        #expect(shots.map(\.text) == ["On the town hall steps, FRANKIE taps a microphone. Feedback squeals.", "The crowd groans."])
        #expect(shots.first?.characters == ["FRANKIE"] && shots.last?.size == .wide)
    }

    @Test func peopleIntroducedInCapitalsWhoNeverSpeakAreFigures() {
        let shots = actionShots("""
            Through the window, the night ATTENDANT (20s, headphones) nods along to the machines.

            The Attendant kicks the door open and joins her in the lot.

            A POLICE SERGEANT pushes through the crowd toward the fountain.

            CLANG. The pan folds in half on the counter.
            """)
        #expect(shots.map(\.size) == [.medium, .mediumWide, .medium, .wide], "\(shots.map(\.text))")
        // They are figures for framing, not cast: prompts and character lists do not name them.
        #expect(shots.allSatisfy { $0.characters.isEmpty })
    }

    @Test func aShortLookIsClose() {
        let shots = actionShots("FRANKIE climbs onto the rim of the fountain with a megaphone.\n\nFrankie sees it.\n")
        #expect(shots.last?.size == .closeUp)
    }

    @Test func smallThingsAreInserts() {
        let shots = actionShots("""
            RUTH leans against the wall while the vending machines hum around her.

            A pager goes off on Ruth's hip. She looks at it and gets to her feet.

            TOMAS grips the scraper.
            """)
        #expect(shots.map(\.size) == [.medium, .insert, .closeUp, .insert], "\(shots.map(\.text))")
        #expect(shots[1].text == "A pager goes off on Ruth's hip." && shots[2].text == "She looks at it and gets to her feet.")
        #expect(shots[2].characters == ["RUTH"])
        // A thing someone owns still opens the sentence; what is said of it stays in the insert.
        let owned = actionShots("RUTH sits in the car, watching the house.\n\nHer radio crackles.\n\nThe notebook on the seat. Under today's entry, nine other nights.\n")
        #expect(owned.map(\.size) == [.medium, .insert, .insert], "\(owned.map(\.text))")
        // The paragraph that establishes the room keeps its things in the establishing shot.
        let opening = plan("INT. KITCHEN - DAY\n\nGrey light through a window over the sink. A radio plays low, a forecast nobody hears.\n",
                           withoutExteriors).plan.shots
        #expect(opening.map(\.kind) == [.establishing] && opening[0].text.hasSuffix("nobody hears."))
        // Big things are not inserts.
        #expect(actionShots("A train pulls in, its lights sweeping the whole platform.\n").last?.size != .insert)
    }

    @Test func aLeadInFragmentTakesTheInsertItLeadsInto() {
        let script = "内景 茶馆 - 日\n\n茶馆里只剩两桌客人，竹椅，铜壶。\n\n老周没有看合同。他把棋子一颗一颗摆上棋盘。\n\n老周\n会下棋吗？\n"
        let shot = plan(script, withoutExteriors).plan.shots.first { $0.text.hasPrefix("老周没有看合同") }
        #expect(shot?.size == .insert && shot?.text.hasSuffix("摆上棋盘。") == true)
    }

    @Test func aReactionInAnotherBeatIsItsOwnShot() {
        let script = """
            INT. POOL - DAY

            BARBARA
            Was it bad?

            LENA
            You tell me, you were holding the watch the whole time.

            Barbara shows her the stopwatch. Lena stares.

            BARBARA
            Go home.
            """
        let shots = plan(script, withoutExteriors).plan.shots
        let shown = shots.firstIndex { $0.text.hasPrefix("Barbara shows") }
        #expect(shown.map { shots[$0].text } == "Barbara shows her the stopwatch.")
        #expect(shown.map { shots[$0 + 1].characters } == ["LENA"] && shown.map { shots[$0 + 1].size } == .closeUp)
    }

    @Test func montageItemsKeepTheirSubject() {
        let script = """
            INT. BAKERY - DAY

            PRIYA stands in the middle of the dust with the keys.

            PRIYA
            Okay.

            SERIES OF SHOTS:

            A) Priya drags a rotten shelf out the front door onto a skip.

            B) She scrubs the floor tiles on her knees until they shine.
            """
        let last = plan(script, withoutExteriors).plan.shots.last
        #expect(last?.characters == ["PRIYA"] && last?.size == .medium, "\(String(describing: last))")
    }
}

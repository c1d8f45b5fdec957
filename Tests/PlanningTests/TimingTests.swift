import Testing
@testable import Planning
import Screenplay

@Suite("Timing")
struct TimingTests {
    let rules = TimingRules()

    @Test func dialogueAtTwoAndAHalfWordsASecondPlusBreath() {
        // 10 words at 150 a minute is 4 s, plus a 400 ms breath.
        let result = plan("INT. ROOM - DAY\n\nANNA\none two three four five six seven eight nine ten\n")
        let shot = result.plan.shots.first { $0.speaker == "ANNA" }
        #expect(shot?.frames == FrameRate.film.frames(milliseconds: 4000 + 400 + rules.sceneChangeBeat))
    }

    @Test func chineseDialogueByCharacters() {
        // 12 characters at 4 a second: 3 s, plus the breath.
        let result = plan("内景 房间 - 夜\n\n安娜\n我今天把最后一张画卖掉了\n")
        let shot = result.plan.shots.first { $0.speaker == "安娜" }
        #expect(shot?.frames == FrameRate.film.frames(milliseconds: 3000 + 400 + rules.sceneChangeBeat))
    }

    @Test func parentheticalAddsHalfASecond() {
        let plain = plan("INT. ROOM - DAY\n\nANNA\nI know what you did last summer.\n")
        let withParenthetical = plan("INT. ROOM - DAY\n\nANNA\n(quietly)\nI know what you did last summer.\n")
        let a = plain.plan.shots.last!.frames
        let b = withParenthetical.plan.shots.last!.frames
        #expect(b - a == FrameRate.film.frames(milliseconds: 500))
    }

    @Test func actionIs200msAWordPlusHalfASecond() {
        let words = Array(repeating: "word", count: 20).joined(separator: " ") + "."
        let result = plan("INT. ROOM - DAY\n\nANNA\nHello there.\n\n\(words)\n")
        let shot = result.plan.shots.last!
        #expect(shot.kind == .action)
        #expect(shot.frames == FrameRate.film.frames(milliseconds: 500 + 20 * 200 + rules.sceneChangeBeat))
    }

    @Test func minimumShotLength() {
        let result = plan("INT. ROOM - DAY\n\nANNA\nHello there.\n\nBOB\nHi.\n")
        for shot in result.plan.shots {
            #expect(shot.frames >= FrameRate.film.frames(milliseconds: rules.minimumShot))
        }
    }

    @Test func annotationDurationAlwaysWins() {
        let seconds = plan("INT. ROOM - DAY\n\n[[shot: CU Anna; duration: 3s]]\nAnna reads the whole long letter aloud, slowly, word by word, line by line.\n")
        #expect(seconds.plan.shots.first { $0.kind == .scripted }?.frames == 72)
        let frames = plan("INT. ROOM - DAY\n\n[[duration: 30f]]\nAnna reads.\n")
        #expect(frames.plan.shots.contains { $0.frames == 30 })
    }

    @Test func transitionsAddTheirBeatToTheOutgoingShot() {
        let cut = plan("INT. ROOM - DAY\n\nAnna waits by the window.\n\nCUT TO:\n\nINT. HALL - DAY\n\nBob runs.\n", withoutExteriors)
        let dissolve = plan("INT. ROOM - DAY\n\nAnna waits by the window.\n\nDISSOLVE TO:\n\nINT. HALL - DAY\n\nBob runs.\n", withoutExteriors)
        let fade = plan("INT. ROOM - DAY\n\nAnna waits by the window.\n\n> FADE OUT.\n\nINT. HALL - DAY\n\nBob runs.\n", withoutExteriors)
        let base = cut.plan.shots[0].frames - FrameRate.film.frames(milliseconds: rules.cutBeat)
        #expect(dissolve.plan.shots[0].frames == base + FrameRate.film.frames(milliseconds: rules.dissolveBeat))
        #expect(fade.plan.shots[0].frames == base + FrameRate.film.frames(milliseconds: rules.fadeBeat))
        #expect(cut.plan.shots[0].transitionOut?.style == .cut)
        #expect(cut.plan.shots[1].transitionIn?.text == "CUT TO:")
    }

    @Test(arguments: FrameRate.supported)
    func integerFramesAtEveryRateAndSegmentsAddUp(rate: FrameRate) throws {
        let result = plan(try corpusText("Brick-and-Steel.fountain"), PlanConfiguration(frameRate: rate))
        #expect(result.plan.frameRate == rate)
        for shot in result.plan.shots {
            #expect(shot.frames > 0)
            #expect(shot.segments.reduce(0) { $0 + $1.frames } == shot.frames)
        }
    }

    @Test func exactRationalRates() {
        #expect(FrameRate("23.976") == FrameRate(num: 24000, den: 1001))
        #expect(FrameRate("29.97") == FrameRate(num: 30000, den: 1001))
        #expect(FrameRate.filmNTSC.frames(milliseconds: 1001) == 24)
        #expect(FrameRate.videoNTSC.timecode(frame: 1800) == "00:01:00;02")
        #expect(FrameRate.film.timecode(frame: 24 * 3661 + 5) == "01:01:01:05")
    }

    @Test func speakingRatesAreConfigurable() {
        var timing = TimingRules()
        timing.dialogueWordsPerMinute = 300
        let fast = plan("INT. ROOM - DAY\n\nANNA\none two three four five six seven eight nine ten\n", PlanConfiguration(timing: timing))
        #expect(fast.plan.shots.last?.frames == FrameRate.film.frames(milliseconds: 2000 + 400 + timing.sceneChangeBeat))
    }
}

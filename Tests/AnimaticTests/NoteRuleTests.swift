@testable import Animatic
import Planning
import Testing

/// The table of common previs notes (docs/review.md): every row, in English and Chinese.
@Suite("review notes: the rule table")
struct NoteRuleTests {
    static func shot(
        size: ShotSize = .medium, move: CameraMove = .static, daylight: Daylight = .dawn, language: PromptLanguage = .english
    ) -> ShotState {
        ShotState(id: "2C", size: size, move: move, angle: .eyeLevel, milliseconds: 3000, daylight: daylight,
                  prompt: language == .english
                      ? "Dawn, soft early light. Anna bursts in suddenly. Medium shot, eye level, static camera. Soft pastel tones."
                      : "黎明，柔和的晨光。安娜突然冲进来。中景，平视，固定镜头。柔和的粉色调。",
                  subject: language == .english ? "Anna" : "安娜", language: language)
    }

    static func read(_ note: String, _ shot: ShotState = NoteRuleTests.shot()) -> NoteRevision? {
        NoteRules.revision(for: note, shot: shot).revision
    }

    @Test(arguments: ["It's too dark", "brighter please", "太暗了", "亮一点"])
    func tooDark(note: String) {
        let revision = Self.read(note)
        #expect(revision?.promptAdd == "brighter, well-lit scene with clearly visible detail")
        #expect(revision?.negativeAdd == "underexposed, murky shadows")
    }

    @Test(arguments: ["too bright", "make it darker", "太亮", "暗一点"])
    func tooBright(note: String) {
        #expect(Self.read(note)?.promptAdd == "darker, moodier low-key lighting")
    }

    @Test(arguments: ["way too fast", "slower", "太快了", "慢一点"])
    func tooFast(note: String) {
        let revision = Self.read(note)
        #expect(revision?.promptAdd == "slow, unhurried movement" && revision?.negativeAdd == "fast motion")
        #expect(revision?.promptRemove.contains("quickly") == true)
    }

    @Test(arguments: ["too slow", "faster", "太慢", "快一点"])
    func tooSlow(note: String) {
        #expect(Self.read(note)?.promptAdd == "brisk, energetic movement")
    }

    @Test(arguments: ["Her entrance is too abrupt", "she pops in out of nowhere", "出场太突兀", "她突然出现"])
    func abruptEntrance(note: String) {
        let revision = Self.read(note)
        #expect(revision?.promptAdd == "Anna enters gradually from the edge of frame, stepping in slowly")
        #expect(revision?.promptRemove == ["suddenly", "abruptly", "bursts in", "bursts into"])
        let chinese = Self.read(note, Self.shot(language: .chinese))
        #expect(chinese?.promptAdd == "安娜从画面边缘缓缓走入" && chinese?.promptRemove.contains("突然") == true)
    }

    @Test(arguments: ["closer", "go tighter", "too wide", "近一点", "太远了"])
    func closer(note: String) {
        #expect(Self.read(note)?.size == .mediumCloseUp)
        #expect(Self.read(note, Self.shot(size: .twoShot))?.size == .mediumCloseUp)
    }

    @Test(arguments: ["wider", "pull back", "too tight", "远一点", "太近"])
    func wider(note: String) {
        #expect(Self.read(note)?.size == .mediumWide)
    }

    @Test func aSizeStepPastTheEndIsRefusedWithWhy() {
        let read = NoteRules.revision(for: "closer", shot: Self.shot(size: .extremeCloseUp))
        #expect(read.revision == nil && read.refusals == ["closer: the shot is already extreme close-up"])
    }

    @Test(arguments: ["more movement", "too static", "动起来", "太呆板"])
    func moreMovement(note: String) {
        #expect(Self.read(note)?.move == .pushIn)
        #expect(Self.read(note, Self.shot(move: .pan))?.promptAdd == "more dynamic camera movement")
    }

    @Test(arguments: ["hold still", "too shaky", "稳一点", "太晃了"])
    func holdStill(note: String) {
        let revision = Self.read(note, Self.shot(move: .handheld))
        #expect(revision?.move == .static && revision?.negativeAdd == "camera shake")
    }

    @Test(arguments: [("wrong time of day, should be night", Daylight.night), ("make it dusk", .dusk),
                      ("应该是晚上", .night), ("时间不对，改成白天", .day)])
    func timeOfDay(note: String, target: Daylight) {
        let revision = Self.read(note)
        #expect(revision?.promptAdd == TimeOfDayWords.phrase(target, .english))
        #expect(revision?.promptRemove == ["Dawn", "soft early light"])
        let chinese = Self.read(note, Self.shot(language: .chinese))
        #expect(chinese?.promptAdd == TimeOfDayWords.phrase(target, .chinese) && chinese?.promptRemove == ["黎明", "柔和的晨光"])
    }

    @Test func aTimeOfDayNoteMustSayWhich() {
        let read = NoteRules.revision(for: "wrong time of day", shot: Self.shot())
        #expect(read.revision == nil && read.refusals.first?.hasPrefix("time of day: say which") == true)
        #expect(NoteRules.revision(for: "make it brighter", shot: Self.shot()).rules == ["too dark"])
    }

    @Test(arguments: [("too long", 2000), ("it drags", 2000), ("太长", 2000), ("too short", 4500), ("hold it longer", 4500),
                      ("太短", 4500)])
    func length(note: String, milliseconds: Int) {
        #expect(Self.read(note)?.milliseconds == milliseconds)
    }

    @Test(arguments: ["blurry", "out of focus", "模糊", "失焦"])
    func blurry(note: String) {
        #expect(Self.read(note)?.promptAdd == "sharp focus, crisp detail")
    }

    @Test(arguments: ["too busy", "cluttered", "太乱", "简洁一点"])
    func cluttered(note: String) {
        #expect(Self.read(note)?.promptAdd == "simple, uncluttered composition")
    }

    @Test(arguments: [("shoot from below", CameraAngle.low), ("仰拍", .low), ("from above", .high), ("俯拍", .high),
                      ("eye level", .eyeLevel), ("平视", .eyeLevel)])
    func angle(note: String, angle: CameraAngle) {
        #expect(Self.read(note)?.angle == angle)
    }

    @Test func severalRowsInOneNoteAddUp() {
        let read = NoteRules.revision(for: "Too dark and too fast, and closer", shot: Self.shot())
        #expect(read.rules == ["too dark", "too fast", "closer"])
        #expect(read.revision?.promptAdd == "brighter, well-lit scene with clearly visible detail, slow, unhurried movement")
        #expect(read.revision?.size == .mediumCloseUp)
    }

    @Test func wordsMatchWholeAndOtherNotesMatchNothing() {
        #expect(Self.read("the closet door") == nil)
        #expect(Self.read("lovely") == nil)
        #expect(Self.read("I love it") == nil)
    }
}

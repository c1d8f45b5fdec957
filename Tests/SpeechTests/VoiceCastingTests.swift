import Testing

@testable import Speech

@Suite struct VoiceCastingTests {
    private func speakers(_ lines: [(String, Int)]) -> [VoiceCasting.Speaker] {
        lines.map { VoiceCasting.Speaker(name: $0.0, lines: $0.1) }
    }

    @Test(arguments: [("ANNA", "BEN"), ("EDWARD", "MARCUS")])
    func twoLeadsWhoseNamesSoundAlikeAreSetApart(first: String, second: String) throws {
        // Their names derive voices of the same timbre a semitone or less apart.
        let derived = (Voice.derived(from: first, language: "en-us"), Voice.derived(from: second, language: "en-us"))
        #expect(VoiceRegister.distance(derived.0, derived.1) < 1.5)
        let cast = VoiceCasting.cast(speakers([(first, 6), (second, 6)]), language: "en-us")
        let a = try #require(cast[first]), b = try #require(cast[second])
        #expect(a == derived.0, "the first to speak keeps the voice of its name")
        #expect(VoiceRegister.distance(a, b) >= VoiceCasting.separation)
        #expect(cast == VoiceCasting.cast(speakers([(first, 6), (second, 6)]), language: "en-us"), "stable")
    }

    @Test func theCharacterWithMoreLinesKeepsItsVoice() {
        let cast = VoiceCasting.cast(speakers([("ANNA", 2), ("BEN", 9)]), language: "en-us")
        #expect(cast["BEN"] == Voice.derived(from: "BEN", language: "en-us"))
        #expect(cast["ANNA"] != Voice.derived(from: "ANNA", language: "en-us"))
    }

    @Test func aMinorCharacterNeverMovesTheLeads() {
        let leads = speakers([("EDWARD", 40), ("WILL", 30), ("SANDRA", 25), ("JOSEPHINE", 12)])
        let before = VoiceCasting.cast(leads, language: "en-us")
        // A one-line character whose name derives Edward's voice family and pitch, first in the script.
        for minor in ["MARCUS", "WAITER", "NURSE", "BOY"] {
            let after = VoiceCasting.cast([VoiceCasting.Speaker(name: minor, lines: 1)] + leads, language: "en-us")
            for lead in leads { #expect(after[lead.name] == before[lead.name], "\(minor) moved \(lead.name)") }
        }
    }

    @Test func aCastOfTwelveKeepsEveryPairApart() {
        let names = ["ANNA", "BEN", "MARCUS", "LUCY", "OTTO", "EDWARD", "SANDRA", "JOSEPHINE", "WILL", "KARL", "NORTHER", "JENNY"]
        let cast = VoiceCasting.cast(speakers(names.enumerated().map { ($1, 20 - $0) }), language: "en-us")
        var closest = Double.infinity
        for (index, a) in names.enumerated() {
            for b in names[(index + 1)...] { closest = min(closest, VoiceRegister.distance(cast[a]!, cast[b]!)) }
        }
        #expect(closest >= 2, "the closest two of twelve are \(closest) apart")
        let voices = Set(names.map { cast[$0]! })
        #expect(voices.count == names.count)
    }

    @Test func aProjectFileChoiceKeepsWhatItGivesAndTheCastFillsTheRest() throws {
        // Ben's rate is chosen; his pitch and variant still move away from Anna's.
        let choice = VoiceChoice(rate: 120)
        let cast = VoiceCasting.cast(
            [VoiceCasting.Speaker(name: "ANNA", lines: 6), VoiceCasting.Speaker(name: "BEN", lines: 6, choice: choice)],
            language: "en-us")
        let ben = try #require(cast["BEN"])
        #expect(ben.rate == 120)
        #expect(VoiceRegister.distance(ben, cast["ANNA"]!) >= VoiceCasting.separation)
        // A pitch and voice chosen are kept as given, however close.
        let pinned = VoiceChoice(language: "en-us", variant: "Alex", pitch: 27)
        let fixed = VoiceCasting.cast(
            [VoiceCasting.Speaker(name: "ANNA", lines: 6), VoiceCasting.Speaker(name: "BEN", lines: 6, choice: pinned)],
            language: "en-us")
        #expect(fixed["BEN"]?.pitch == 27 && fixed["BEN"]?.variant == "Alex")
    }
}

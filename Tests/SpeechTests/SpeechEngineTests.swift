import Testing

@testable import Speech

@Suite struct SpeechEngineTests {
    @Test func speaksEnglishAtTheEnginesRate() throws {
        let utterance = try SpeechEngine.shared.speakNow("The coffee here is terrible.", voice: Voice(language: "en-us"))
        #expect(utterance.sampleRate == 22050)
        #expect(utterance.seconds > 1 && utterance.seconds < 4)
        #expect(utterance.samples.contains { abs(Int($0)) > 3000 })
    }

    @Test func sameVoiceAndTextGiveTheSameSamples() throws {
        let voice = Voice.derived(from: "ANNA", language: "en-us")
        // Three in one batch, the last two compared: eSpeak keeps some state from the utterance
        // before (another suite's, for the first), so the same words follow the same words.
        let three = try SpeechEngine.shared.speakNow(Array(repeating: ("Not once in twelve years.", voice), count: 3))
        #expect(Set(three.map(\.samples.count)).count == 1, "the length does not depend on what came before")
        let (a, b) = (three[1], three[2])
        #expect(a.samples.count == b.samples.count)
        #expect(a.samples == b.samples, "the same voice and text gave different samples")
    }

    @Test func aBatchHandedOverOneAtATimeIsTheBatchInOrder() throws {
        // Two lines of one voice, handed over in order.
        let voice = Voice.derived(from: "EDWARD", language: "en-us")
        let lines = [("Hand me the wrench.", voice), ("Which one?", voice)]
        var handed: [Int: Utterance] = [:]
        try SpeechEngine.shared.speakNow(lines) { index, utterance in handed[index] = utterance }
        #expect(handed.keys.sorted() == [0, 1])
        // Lengths, not samples: another suite may speak between the two batches, and eSpeak
        // keeps some state from the utterance before (the lengths do not move with it).
        #expect(handed.sorted { $0.key < $1.key }.map(\.value.samples.count)
            == (try SpeechEngine.shared.speakNow(lines)).map(\.samples.count))
    }

    @Test func aFasterRateIsShorter() throws {
        let slow = try SpeechEngine.shared.speakNow("I will be there at noon.", voice: Voice(language: "en-us", rate: 120))
        let fast = try SpeechEngine.shared.speakNow("I will be there at noon.", voice: Voice(language: "en-us", rate: 260))
        #expect(fast.samples.count * 3 < slow.samples.count * 2)
    }

    @Test func mandarinSpeaksChinese() throws {
        let utterance = try SpeechEngine.shared.speakNow("我们明天见。", voice: Voice(language: "cmn"))
        #expect(utterance.seconds > 0.8)
    }

    @Test func unknownVoiceIsAnError() {
        #expect(throws: SpeechError.unknownVoice("xx-nope")) {
            try SpeechEngine.shared.speakNow("hello", voice: Voice(language: "xx-nope"))
        }
    }

    @Test func derivedVoicesAreStableAndDiffer() {
        #expect(Voice.derived(from: "ANNA", language: "en-us") == Voice.derived(from: "ANNA", language: "en-us"))
        let names = ["ANNA", "BEN", "MARCUS", "LUCY", "THE WAITER"]
        #expect(Set(names.map { Voice.derived(from: $0, language: "en-us") }).count == names.count)
    }

    @Test func versionNamesTheEngine() {
        #expect(SpeechEngine.shared.version.hasPrefix("espeak-ng 1."))
        #expect(SpeechEngine.shared.version.hasSuffix("espeak-ng-data"), "the voices' path is part of the version")
    }
}
